package com.example.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development certificates carry the key usages of their role, as a TLS peer checks them: a service's serves as
 * server and as client certificate, the developer's as a client certificate only.
 */
class DevCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path folder;

    private static DevCertificates certificates;

    @BeforeAll
    static void make() {
        certificates = new DevCertificates(folder);
        assertThat(certificates.ensure(List.of("dashboard-service"), List.of("developer")))
                .isTrue();
    }

    @Test
    void aServicesCertificateIsForServerAndClientAndNamesTheServiceAndLocalhost() throws Exception {
        X509Certificate service = first(certificates.certificate("dashboard-service"));

        assertThat(service.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(service.getSubjectX500Principal().getName()).isEqualTo("CN=dashboard-service");
        assertThat(service.getSubjectAlternativeNames())
                .extracting(name -> name.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "dashboard-service");
    }

    @Test
    void theDevelopersCertificateIsAClientCertificateOnlyAndNamesNoHost() throws Exception {
        X509Certificate developer = first(certificates.certificate("developer"));

        assertThat(developer.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(developer.getSubjectX500Principal().getName()).isEqualTo("CN=developer");
        assertThat(developer.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void aClientAcceptsAServicesCertificateFromAServer() throws Exception {
        assertThat(handshakeWithAServerPresenting("dashboard-service")).isTrue();
    }

    @Test
    void aClientRefusesTheDevelopersCertificateFromAServer() {
        assertThatThrownBy(() -> handshakeWithAServerPresenting("developer")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aCertificateOfAnotherRoleIsMadeAnew(@TempDir Path elsewhere) throws Exception {
        DevCertificates made = new DevCertificates(elsewhere);
        made.ensure(List.of("developer"), List.of());

        assertThat(made.ensure(List.of("developer"), List.of()))
                .as("the same role")
                .isFalse();
        assertThat(made.ensure(List.of(), List.of("developer")))
                .as("another role")
                .isTrue();
        assertThat(first(made.certificate("developer")).getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    }

    // A TLS server on a loopback port with the certificate of `name`, and a client that trusts the CA and checks
    // that the server's certificate may serve (the JDK's default trust manager does, as grpc-java's does).
    private boolean handshakeWithAServerPresenting(String name) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                name, privateKey(certificates.privateKey(name)), new char[0], chain(certificates.certificate(name)));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", first(certificates.caCertificate()));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        try (SSLServerSocket server = (SSLServerSocket)
                serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                } catch (IOException refusedByTheClient) {
                    // The client's refusal is what the client side reports.
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext
                    .getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.startHandshake();
            } finally {
                served.get(30, TimeUnit.SECONDS);
            }
        }
        return true;
    }

    private static X509Certificate first(Path pem) throws Exception {
        return (X509Certificate) chain(pem)[0];
    }

    private static Certificate[] chain(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .toArray(Certificate[]::new);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
