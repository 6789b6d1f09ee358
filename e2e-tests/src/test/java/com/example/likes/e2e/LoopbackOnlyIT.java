package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local stack listens on the loopback unless told otherwise: every port of its services and of its PostgreSQL
 * answers on 127.0.0.1 and refuses a connection on any other address of this machine.
 */
class LoopbackOnlyIT {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    @Test
    void noPortOfTheStackIsReachableOnANonLoopbackAddressOfThisMachine() throws IOException {
        SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no address but the loopback");
        StackSettings settings = system.stack().settings();
        List<Integer> ports = new ArrayList<>();
        for (ServiceProcess service : system.stack().services()) {
            ports.addAll(List.of(service.httpPort(), service.grpcPort(), service.managementPort()));
        }
        if (settings.postgresAdminUrl().isBlank()) {
            ports.add(settings.postgresPort());
        }

        for (int port : ports) {
            assertThat(connects(InetAddress.getLoopbackAddress(), port))
                    .as("port %d on the loopback", port)
                    .isNull();
            assertThat(connects(external.get(), port))
                    .as("port %d on %s", port, external.get().getHostAddress())
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused");
        }
    }

    // What connecting threw, or null when it connected.
    private static Throwable connects(InetAddress address, int port) {
        return catchThrowable(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            }
        });
    }

    // An IPv4 address of an interface that is up and not the loopback (a LAN's, a container's).
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(LoopbackOnlyIT::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
