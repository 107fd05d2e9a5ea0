package io.textclf.grpc;

/**
 * Where a client finds a server: a host name or IP address and a TCP port, written {@code host:port} or
 * {@code [ipv6]:port}.
 *
 * @param host a host name, an IPv4 address or an IPv6 address (without brackets); not empty
 * @param port in [1, 65535]
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or address");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
        }
    }

    /**
     * Reads {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming {@code text} and the form expected
     */
    public static ServerAddress parse(String text) {
        try {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no ':PORT'");
            }
            String host = text.substring(0, colon);
            String port = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("an IPv6 address goes in brackets");
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host before ':'");
            }
            if (!port.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("port '" + port + "' is not a number");
            }
            return new ServerAddress(host, Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server address '" + text + "' is not HOST:PORT (such as "
                    + "localhost:8500 or [::1]:8500): " + e.getMessage(), e);
        }
    }

    /** As {@link #parse} reads it, brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
