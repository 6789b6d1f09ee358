package com.example.likes.testsupport;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What operators' tools ask a gRPC server without a key: its health, the services reflection lists, and their
 * descriptors (what grpcurl and buf curl build their calls from).
 */
public final class GrpcProbes {

    private GrpcProbes() {}

    /** The server's overall health ({@code grpc.health.v1.Health/Check} with an empty service name). */
    public static ServingStatus health(Channel channel) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
    }

    /** The names of the services the server lists through {@code grpc.reflection.v1.ServerReflection}. */
    public static List<String> reflectedServices(Channel channel)
            throws InterruptedException, ExecutionException, TimeoutException {
        return reflect(
                        channel,
                        ServerReflectionRequest.newBuilder().setListServices("").build())
                .getListServicesResponse()
                .getServiceList()
                .stream()
                .map(ServiceResponse::getName)
                .toList();
    }

    /**
     * The descriptors of the services the server lists through reflection, but health and reflection themselves,
     * built from the files reflection sends (each service's file and every file it imports).
     */
    public static List<Descriptors.ServiceDescriptor> reflectedServiceDescriptors(Channel channel)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Descriptors.ServiceDescriptor> services = new ArrayList<>();
        for (String name : reflectedServices(channel)) {
            if (name.startsWith("grpc.health.") || name.startsWith("grpc.reflection.")) {
                continue;
            }
            Map<String, FileDescriptorProto> files = new HashMap<>();
            for (ByteString file : reflect(
                            channel,
                            ServerReflectionRequest.newBuilder()
                                    .setFileContainingSymbol(name)
                                    .build())
                    .getFileDescriptorResponse()
                    .getFileDescriptorProtoList()) {
                try {
                    FileDescriptorProto proto = FileDescriptorProto.parseFrom(file);
                    files.put(proto.getName(), proto);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("reflection sent a file that is no FileDescriptorProto", e);
                }
            }
            Descriptors.ServiceDescriptor service = files.values().stream()
                    .map(file -> built(file.getName(), files, new HashMap<>()))
                    .map(file -> file.findServiceByName(name.substring(name.lastIndexOf('.') + 1)))
                    .filter(found -> found != null && found.getFullName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("reflection sent no file that defines " + name));
            services.add(service);
        }
        return services;
    }

    private static Descriptors.FileDescriptor built(
            String name, Map<String, FileDescriptorProto> files, Map<String, Descriptors.FileDescriptor> done) {
        Descriptors.FileDescriptor file = done.get(name);
        if (file != null) {
            return file;
        }
        FileDescriptorProto proto = files.get(name);
        if (proto == null) {
            throw new IllegalStateException("reflection did not send " + name + ", which another file imports");
        }
        Descriptors.FileDescriptor[] imports = proto.getDependencyList().stream()
                .map(imported -> built(imported, files, done))
                .toArray(Descriptors.FileDescriptor[]::new);
        try {
            file = Descriptors.FileDescriptor.buildFrom(proto, imports);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("reflection sent an invalid " + name, e);
        }
        done.put(name, file);
        return file;
    }

    private static ServerReflectionResponse reflect(Channel channel, ServerReflectionRequest request)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(request);
        requests.onCompleted();
        ServerReflectionResponse response = answer.get(5, TimeUnit.SECONDS);
        if (response.hasErrorResponse()) {
            throw new IllegalStateException("reflection refused " + request + ": "
                    + response.getErrorResponse().getErrorMessage());
        }
        return response;
    }
}
