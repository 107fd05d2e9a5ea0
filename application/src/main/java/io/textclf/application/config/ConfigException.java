package io.textclf.application.config;

/** A setting or config file that cannot be used. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
