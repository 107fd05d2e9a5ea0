package io.textclf.domain.plugin;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Providers of one kind (tokenizers, backends) by the name each gives itself: the one rule every registry of
 * providers and the {@code plugins} listing apply, so that they refuse the same providers in the same words.
 */
public final class NamedProviders {

    private NamedProviders() {
    }

    /**
     * The providers by name, in name order. One class found twice (listed by two service files) counts once.
     *
     * @param kind     what they provide, singular, for messages ({@code tokenizer})
     * @param port     the interface whose {@code name()} gives each name, for messages
     * @param name     a provider's name
     * @param origin   where a provider came from (its class and jar), for messages
     * @throws PluginException when a provider's name is null or blank, or two providers of different classes
     *                         share one, naming where each came from
     */
    public static <T> SortedMap<String, T> byName(String kind, Class<T> port, Iterable<? extends T> providers,
                                                  Function<? super T, String> name, Function<Object, String> origin) {
        SortedMap<String, T> byName = new TreeMap<>();
        for (T provider : providers) {
            String named = name.apply(provider);
            if (named == null || named.isBlank()) {
                throw new PluginException("the " + kind + " " + origin.apply(provider) + " has no name: its "
                        + port.getSimpleName() + ".name() must give one", null);
            }
            T before = byName.putIfAbsent(named, provider);
            if (before != null && before.getClass() != provider.getClass()) {
                throw new PluginException("two " + kind + "s are named '" + named + "': " + origin.apply(before)
                        + " and " + origin.apply(provider) + "; remove or rename one", null);
            }
        }
        return Collections.unmodifiableSortedMap(byName);
    }
}
