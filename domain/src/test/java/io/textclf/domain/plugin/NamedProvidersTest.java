package io.textclf.domain.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class NamedProvidersTest {

    /** A provider port as plug-ins implement it. */
    interface Codec {
        String name();
    }

    record Plain(String name) implements Codec {
    }

    record Other(String name) implements Codec {
    }

    private static SortedMap<String, Codec> byName(Codec... providers) {
        return NamedProviders.byName("codec", Codec.class, Arrays.asList(providers), Codec::name,
                provider -> provider.getClass().getSimpleName());
    }

    @Test
    void providersComeByNameInNameOrder() {
        Codec zip = new Plain("zip");
        Codec gzip = new Other("gzip");
        SortedMap<String, Codec> found = byName(zip, gzip);
        assertEquals(List.of("gzip", "zip"), List.copyOf(found.keySet()));
        assertSame(zip, found.get("zip"));
        assertThrows(UnsupportedOperationException.class, () -> found.put("lz4", zip));
    }

    @Test
    void oneClassFoundTwiceCountsOnceAsItsFirst() {
        Codec first = new Plain("zip");
        assertSame(first, byName(first, new Plain("zip")).get("zip"));
    }

    @Test
    void twoClassesOfOneNameAreRefusedNamingBoth() {
        PluginException e = assertThrows(PluginException.class, () -> byName(new Plain("zip"), new Other("zip")));
        assertEquals("two codecs are named 'zip': Plain and Other; remove or rename one", e.getMessage());
    }

    @Test
    void aNullOrBlankNameIsRefusedNamingTheProviderAndThePortMethod() {
        for (String name : Arrays.asList(null, "", "  ")) {
            PluginException e = assertThrows(PluginException.class, () -> byName(new Plain("zip"), new Other(name)));
            assertEquals("the codec Other has no name: its Codec.name() must give one", e.getMessage());
        }
    }
}
