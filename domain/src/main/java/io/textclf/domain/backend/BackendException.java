package io.textclf.domain.backend;

/**
 * A compute backend cannot start here, or cannot use the device asked for. The message is one line
 * that names the backend, what is missing and, where there is one, the fix.
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean refusesDevice;

    /** @param message one line: the backend, what is missing and the fix */
    public BackendException(String message) {
        this(message, null, false);
    }

    /**
     * @param message one line: the backend, what is missing and the fix
     * @param cause   the engine's error
     */
    public BackendException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BackendException(String message, Throwable cause, boolean refusesDevice) {
        super(message, cause);
        this.refusesDevice = refusesDevice;
    }

    /** Whether the backend refused the device asked for ({@link #deviceUnavailable}), rather than failing to start. */
    public boolean refusesDevice() {
        return refusesDevice;
    }

    /** The same refusal with {@code note} added in parentheses (where the device setting came from, say). */
    public BackendException noting(String note) {
        return new BackendException(getMessage() + " (" + note + ")", this, refusesDevice);
    }

    /**
     * The one wording every backend uses to refuse a device:
     * {@code backend 'NAME' cannot use device DEVICE: WHY}.
     *
     * @param backend the backend's name
     * @param device  the device asked for
     * @param why     what is missing and, where there is one, the fix
     */
    public static BackendException deviceUnavailable(String backend, Device device, String why) {
        return new BackendException("backend '" + backend + "' cannot use device " + device.spelled() + ": " + why,
                null, true);
    }

    /** The wording of a backend on the CPU only refused any GPU: names the devices it does have. */
    public static BackendException cpuOnly(String backend, Device device) {
        return deviceUnavailable(backend, device, "it runs on the CPU only (use device cpu or auto)");
    }
}
