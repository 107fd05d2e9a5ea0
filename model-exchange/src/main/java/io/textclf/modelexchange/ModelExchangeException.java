package io.textclf.modelexchange;

/** A file in an exchange format (safetensors, ONNX, a vocabulary or label list) that cannot be used: says which file and why. */
public final class ModelExchangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelExchangeException(String message) {
        super(message);
    }

    public ModelExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
