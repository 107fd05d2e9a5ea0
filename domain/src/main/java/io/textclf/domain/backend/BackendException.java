package io.textclf.domain.backend;

/**
 * A compute backend cannot start here, or cannot use the device asked for. The message is one line
 * that names the backend, what is missing and, where there is one, the fix.
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: the backend, what is missing and the fix */
    public BackendException(String message) {
        super(message);
    }

    /**
     * @param message one line: the backend, what is missing and the fix
     * @param cause   the engine's error
     */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
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
        return new BackendException("backend '" + backend + "' cannot use device " + device.spelled() + ": " + why);
    }

    /** The wording of a backend on the CPU only refused any GPU: names the devices it does have. */
    public static BackendException cpuOnly(String backend, Device device) {
        return deviceUnavailable(backend, device, "it runs on the CPU only (use device cpu or auto)");
    }
}
