package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    @Test
    void readsHostNamesIpv4AndBracketedIpv6() {
        assertEquals(new ServerAddress("localhost", 8500), ServerAddress.parse("localhost:8500"));
        assertEquals(new ServerAddress("10.0.0.7", 1), ServerAddress.parse("10.0.0.7:1"));
        assertEquals(new ServerAddress("::1", 65535), ServerAddress.parse("[::1]:65535"));
        assertEquals("[::1]:8500", ServerAddress.parse("[::1]:8500").toString());
        assertEquals("models.example.org:443", ServerAddress.parse("models.example.org:443").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nohostport", "host:", ":80", "localhost:99999", "localhost:0", "local host:80",
            "[::1]:x", "::1:8500", "localhost:-1", "localhost:+80", "dns:///localhost:8500", "user@host:80", ""})
    void refusesAnythingElseNamingItAndTheFormExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(text));
        assertTrue(e.getMessage().startsWith("server address '" + text + "' is not HOST:PORT (such as localhost:8500 "
                + "or [::1]:8500)"), e.getMessage());
    }
}
