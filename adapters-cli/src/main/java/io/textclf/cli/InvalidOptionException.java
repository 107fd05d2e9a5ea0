package io.textclf.cli;

import io.textclf.application.plugin.Plugins;
import io.textclf.domain.text.UnknownTokenizerException;
import io.textclf.domain.train.InvalidSettingException;
import java.util.function.Supplier;

/**
 * An option value the command cannot use (out of range, of another optimizer, a tokenizer no plug-in
 * provides): a usage error, exit 2, one line.
 */
final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidOptionException(String message) {
        super(message);
    }

    InvalidOptionException(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Runs {@code resolving}, a step that reads option values; its refusal of them ({@link IllegalArgumentException},
     * {@link UnknownTokenizerException}) becomes a usage error.
     */
    static void whenResolving(Runnable resolving) {
        whenResolving(() -> {
            resolving.run();
            return null;
        });
    }

    /** As {@link #whenResolving(Runnable)}, with what resolving makes. */
    static <T> T whenResolving(Supplier<T> resolving) {
        try {
            return resolving.get();
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidOptionException ? e : new InvalidOptionException(e);
        } catch (UnknownTokenizerException e) {
            // a tokenizer that no jar provides may come from a plug-in: say where one goes
            throw e.nameUnknown() ? new InvalidOptionException(e.getMessage() + "; for another, " + Plugins.howToAdd())
                    : new InvalidOptionException(e);
        }
    }

    /**
     * As {@link #whenResolving(Supplier)}, for a step whose settings all come from this command's flags: a refused
     * setting is named as its flag ({@code batch-size} as {@code --batch-size}).
     */
    static <T> T fromFlags(Supplier<T> resolving) {
        return whenResolving(() -> {
            try {
                return resolving.get();
            } catch (InvalidSettingException e) {
                throw new InvalidOptionException("--" + e.setting() + " " + e.problem());
            }
        });
    }

    /** As {@link #fromFlags(Supplier)}, for a step that only checks. */
    static void fromFlags(Runnable checking) {
        fromFlags(() -> {
            checking.run();
            return null;
        });
    }
}
