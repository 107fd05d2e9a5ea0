package io.textclf.modelformat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of file textclf writes in its {@link ChecksummedContainer}: each starts with its own 8-byte magic. */
enum ContainerKind {
    /** A trained model ({@code textclf.v1.ModelFile}). */
    MODEL_FILE("TEXTCLF\0", "model file", "ModelFile"),
    /** A training checkpoint ({@code textclf.v1.Checkpoint}): a model and the state a run resumes from. */
    CHECKPOINT("TEXTCKP\0", "checkpoint", "Checkpoint");

    /** The length of every magic. */
    static final int MAGIC_BYTES = 8;

    private final byte[] magic;
    private final String noun;
    private final String message;

    ContainerKind(String magic, String noun, String message) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.noun = noun;
        this.message = message;
    }

    /** The first 8 bytes of a file of this kind. */
    byte[] magic() {
        return magic.clone();
    }

    /** What the kind is called in messages ("model file", "checkpoint"). */
    String noun() {
        return noun;
    }

    /** The protobuf message of the payload ("ModelFile"). */
    String message() {
        return message;
    }

    /** The magic as text without its final NUL ("TEXTCLF"). */
    String magicName() {
        return new String(magic, 0, magic.length - 1, StandardCharsets.US_ASCII);
    }

    /** Whether {@code start}, a file's first bytes, is this kind's magic. */
    boolean matches(byte[] start) {
        return Arrays.equals(start, magic);
    }

    /** The kind whose magic {@code start} is, if any. */
    static Optional<ContainerKind> of(byte[] start) {
        return Arrays.stream(values()).filter(kind -> kind.matches(start)).findFirst();
    }
}
