package com.example.likes.localstack;

/**
 * The three ports of a service.
 *
 * @param http its REST port
 * @param grpc its gRPC port
 * @param management its management port (Actuator, the operator's endpoints)
 */
public record ServicePorts(int http, int grpc, int management) {

    /** Three ports no process listens on now. */
    static ServicePorts free() {
        return new ServicePorts(StackSettings.freePort(), StackSettings.freePort(), StackSettings.freePort());
    }
}
