import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The containers' health check: asks one URL and exits 0 when it answers 200, 1 otherwise (no answer within two
 * seconds included). The runtime image has a JRE and neither curl nor wget, so that nothing there fetches from the
 * network but the service itself; the Dockerfile compiles this file into {@code /app/health-probe}. Usage:
 * {@code java -cp /app/health-probe HealthProbe http://localhost:8181/actuator/health/readiness}
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 2_000;

    private HealthProbe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java HealthProbe <url>");
            System.exit(2);
        }
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                System.err.println(args[0] + " answered " + status);
                System.exit(1);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e);
            System.exit(1);
        }
    }
}
