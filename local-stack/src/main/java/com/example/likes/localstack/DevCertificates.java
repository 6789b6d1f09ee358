package com.example.likes.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Development certificates for mutual TLS between the services: a development CA, and certificates signed by it, each
 * with the key usages of its role. A service's certificate serves as server and as client certificate (a service
 * calls the others), valid for {@code localhost}, {@code 127.0.0.1} and the service's name (a compose service's host
 * name). A client's certificate (the developer's: grpcurl, buf curl, tests) is a client certificate only, so it
 * cannot stand in for a server. Each names its holder as its subject's common name, the caller its API key must
 * name too. Made once, on the first start, and reused while every file is there, of its role and valid for another
 * {@value #RENEW_BEFORE_DAYS} days; never committed.
 *
 * <p>The keys and certificates come from the JDK's own {@code keytool}, the only certificate authority the JDK
 * ships (its Java API for issuing certificates is internal), so that neither openssl nor a library such as Bouncy
 * Castle is needed: the local stack and compose's one-shot {@code grpc-certs} service (which runs this file with
 * {@code java DevCertificates.java}, from the service image's JDK) make them alike. This class turns keytool's
 * PKCS#12 keys into PEM files, which Spring Boot's PEM SSL bundles, grpcurl and buf curl all read:
 * {@code ca.crt}, {@code <name>.crt} (the certificate, then the CA's) and {@code <name>.key} (PKCS#8).
 *
 * <p>Usage as a program: {@code java .../com/example/likes/localstack/DevCertificates.java <folder> <service>...
 * [--clients <client>...]} (the source launcher wants the file's path to match its package). With
 * {@code CERTS_OWNER_UID} set (compose, which runs it as root), the files are handed to that user id, the one the
 * services run as; with {@code CERTS_FOR_EACH_SERVICE} set to a folder, each of its subfolders gets its service's
 * files alone ({@link #handOut}).
 */
public final class DevCertificates {

    static final String CA = "ca";
    static final String CLIENTS = "--clients";
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final int RENEW_BEFORE_DAYS = 30;
    private static final int VALIDITY_DAYS = 825;
    // Throwaway: the PKCS#12 files only carry keys from keytool to the PEM files, and are deleted afterwards.
    private static final String STORE_PASSWORD = "dev-certificates";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Path folder;

    public DevCertificates(Path folder) {
        this.folder = folder;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java DevCertificates.java <folder> <service>... [--clients <client>...]");
            System.exit(2);
        }
        DevCertificates certificates = new DevCertificates(Path.of(args[0]));
        List<String> names = List.of(args).subList(1, args.length);
        int clients = names.indexOf(CLIENTS);
        List<String> services = clients < 0 ? names : names.subList(0, clients);
        List<String> clientNames = clients < 0 ? List.of() : names.subList(clients + 1, names.size());
        boolean made = certificates.ensure(services, clientNames);
        String owner = System.getenv("CERTS_OWNER_UID");
        if (owner != null && !owner.isBlank()) {
            certificates.handTo(Integer.parseInt(owner.trim()));
        }
        String perService = System.getenv("CERTS_FOR_EACH_SERVICE");
        if (perService != null && !perService.isBlank()) {
            certificates.handOut(Path.of(perService.strip()));
        }
        System.out.println((made ? "made " : "kept ") + "development certificates for " + names + " in " + args[0]);
    }

    /** The development CA's certificate: what every service trusts. */
    public Path caCertificate() {
        return folder.resolve(CA + ".crt");
    }

    /** {@code name}'s certificate chain (PEM). */
    public Path certificate(String name) {
        return folder.resolve(name + ".crt");
    }

    /** {@code name}'s private key (PEM, PKCS#8). */
    public Path privateKey(String name) {
        return folder.resolve(name + ".key");
    }

    /**
     * Makes the CA, a server and client certificate for each service and a client certificate for each client, unless
     * all of them are there, of their role and valid for a while yet; then everything is made anew, the CA included,
     * so that no certificate outlives the CA that signed it.
     *
     * @return whether certificates were made
     */
    public synchronized boolean ensure(List<String> services, List<String> clients) {
        if (allValid(services, clients)) {
            return false;
        }
        try {
            Files.createDirectories(folder);
            Path work = Files.createTempDirectory(folder, ".keytool");
            try {
                Path caStore = work.resolve(CA + ".p12");
                keytool(
                        "-genkeypair",
                        "-keystore",
                        caStore,
                        "-alias",
                        CA,
                        "-dname",
                        "CN=likes development CA",
                        "-ext",
                        "bc:c",
                        "-ext",
                        "ku:c=keyCertSign,cRLSign");
                keytool("-exportcert", "-rfc", "-keystore", caStore, "-alias", CA, "-file", caCertificate());
                String caPem = Files.readString(caCertificate());
                for (String service : services) {
                    issue(work, caStore, service, caPem, true);
                }
                for (String client : clients) {
                    issue(work, caStore, client, caPem, false);
                }
            } finally {
                deleteTree(work);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make development certificates in " + folder, e);
        }
    }

    private void issue(Path work, Path caStore, String name, String caPem, boolean server) throws IOException {
        Path store = work.resolve(name + ".p12");
        Path request = work.resolve(name + ".csr");
        Path signed = work.resolve(name + ".pem");
        keytool("-genkeypair", "-keystore", store, "-alias", name, "-dname", "CN=" + name);
        keytool("-certreq", "-keystore", store, "-alias", name, "-file", request);
        List<Object> usages = server
                ? List.of(
                        "-ext",
                        "san=dns:localhost,ip:127.0.0.1,dns:" + name,
                        "-ext",
                        "eku=serverAuth,clientAuth",
                        "-ext",
                        "ku:c=digitalSignature,keyAgreement")
                : List.of("-ext", "eku=clientAuth", "-ext", "ku:c=digitalSignature");
        List<Object> gencert = new ArrayList<>(List.of(
                "-gencert", "-rfc", "-keystore", caStore, "-alias", CA, "-infile", request, "-outfile", signed));
        gencert.addAll(usages);
        keytool(gencert.toArray());
        writePrivate(
                privateKey(name), pem("PRIVATE KEY", privateKeyOf(store, name).getEncoded()));
        Files.writeString(certificate(name), Files.readString(signed).strip() + "\n" + caPem.strip() + "\n");
    }

    private boolean allValid(List<String> services, List<String> clients) {
        // Each certificate and the extended key usages of its role; the CA has none.
        Map<Path, List<String>> certificates = new LinkedHashMap<>();
        certificates.put(caCertificate(), null);
        services.forEach(name -> certificates.put(certificate(name), List.of(SERVER_AUTH, CLIENT_AUTH)));
        clients.forEach(name -> certificates.put(certificate(name), List.of(CLIENT_AUTH)));
        Instant renewAt = Instant.now().plus(Duration.ofDays(RENEW_BEFORE_DAYS));
        for (Map.Entry<Path, List<String>> expected : certificates.entrySet()) {
            if (!Files.isRegularFile(expected.getKey())) {
                return false;
            }
            try (InputStream in = Files.newInputStream(expected.getKey())) {
                X509Certificate first = (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in);
                if (first.getNotAfter().toInstant().isBefore(renewAt)
                        || !Objects.equals(first.getExtendedKeyUsage(), expected.getValue())) {
                    return false;
                }
            } catch (IOException | GeneralSecurityException unreadable) {
                return false;
            }
        }
        return Stream.concat(services.stream(), clients.stream())
                .allMatch(name -> Files.isRegularFile(privateKey(name)));
    }

    private void keytool(Object... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool is a short-lived JVM: the quick compiler only is enough, and starts faster.
        command.add("-J-XX:TieredStopAtLevel=1");
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        if (command.contains("-genkeypair")) {
            // P-256: small and fast to sign with, and read by Spring Boot, grpc-java, grpcurl and buf curl alike.
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "" + VALIDITY_DAYS));
        }
        if (command.contains("-gencert")) {
            command.addAll(List.of("-validity", "" + VALIDITY_DAYS));
        }
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "keytool " + arguments[0] + " failed: " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private static PrivateKey privateKeyOf(Path store, String alias) throws IOException {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(Files.readAllBytes(store)), STORE_PASSWORD.toCharArray());
            return (PrivateKey) keyStore.getKey(alias, STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read the key keytool made for " + alias, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    // Readable by its owner only, where the file system has POSIX permissions.
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException noPosix) {
            // Windows: the folder's own permissions apply.
        }
        Files.writeString(file, content);
    }

    /**
     * Gives each subfolder of {@code services} that is named after a certificate here the CA's certificate, that
     * certificate and its key, and nothing else, replacing what the subfolder held: compose mounts one volume per
     * service there, and each service only its own, so that no service can read another's key or the developer's.
     * The copies keep the files' owner and permissions.
     */
    void handOut(Path services) {
        try (var folders = Files.list(services)) {
            for (Path target : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = target.getFileName().toString();
                if (!Files.isRegularFile(certificate(name)) || !Files.isRegularFile(privateKey(name))) {
                    throw new IllegalStateException(
                            "no certificate named " + name + " in " + folder + " to hand out to " + target);
                }
                try (var old = Files.list(target)) {
                    for (Path file : old.toList()) {
                        deleteTree(file);
                    }
                }
                for (Path file : List.of(caCertificate(), certificate(name), privateKey(name))) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not hand the certificates out to " + services, e);
        }
    }

    private void handTo(int uid) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.setAttribute(file, "unix:uid", uid);
            }
            Files.setAttribute(folder, "unix:uid", uid);
        } catch (IOException e) {
            throw new UncheckedIOException("could not hand " + folder + " to user " + uid, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
