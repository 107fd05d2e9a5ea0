package io.textclf.domain.plugin;

/** A plug-in that cannot be used as it is: the message says which and what to do. */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
