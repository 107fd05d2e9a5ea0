package io.textclf.spark.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone master URL ({@code spark://HOST:PORT}, or {@code spark://H1:P1,H2:P2} for masters with
 * standby), checked before Spark starts: Spark itself retries an unreachable master for a minute and then
 * reports only that its context was stopped.
 */
final class StandaloneMasters {

    private static final String SCHEME = "spark://";

    private StandaloneMasters() {
    }

    /** Whether {@code url} names standalone masters (other masters are not probed). */
    static boolean isStandalone(String url) {
        return url.startsWith(SCHEME);
    }

    /**
     * Returns when one of the URL's masters accepts a TCP connection within {@code timeoutMillis}.
     *
     * @param origin where the URL comes from, for the messages: {@code --master}, {@code spark.master}
     * @throws IllegalArgumentException naming the URL's masters and why none could be reached
     * @throws MalformedMasterException naming what is wrong with the URL
     */
    static void requireReachable(String url, String origin, int timeoutMillis) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress named : addresses(url, origin)) {
            String master = named.getHostString() + ":" + named.getPort();
            InetSocketAddress address = new InetSocketAddress(named.getHostString(), named.getPort());
            if (address.isUnresolved()) {
                failures.add(master + " (unknown host)");
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, timeoutMillis);
                return;
            } catch (IOException e) {
                failures.add(master + " (" + reason(e) + ")");
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + String.join(", ", failures)
                + ": is it running, and is " + origin + " " + url + " right?");
    }

    /**
     * The masters a {@code spark://} URL names, unresolved.
     *
     * @throws MalformedMasterException naming what is wrong with the URL
     */
    static List<InetSocketAddress> addresses(String url, String origin) {
        List<InetSocketAddress> masters = new ArrayList<>();
        for (String hostPort : url.substring(SCHEME.length()).split(",", -1)) {
            URI uri;
            try {
                uri = new URI(SCHEME + hostPort);
            } catch (URISyntaxException e) {
                throw malformed(url, origin, e.getReason() + " in '" + hostPort + "'");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw malformed(url, origin, "'" + hostPort + "' is not HOST:PORT");
            }
            if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw malformed(url, origin, "'" + hostPort + "' holds more than HOST:PORT");
            }
            masters.add(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
        }
        return masters;
    }

    /** A {@code spark://} master URL that names no master. */
    static final class MalformedMasterException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        MalformedMasterException(String message) {
            super(message);
        }
    }

    private static MalformedMasterException malformed(String url, String origin, String problem) {
        return new MalformedMasterException(origin + " " + url + " is not a standalone master URL (" + problem
                + "): expected spark://HOST:PORT, or spark://HOST1:PORT1,HOST2:PORT2 for masters with standby");
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
