package io.textclf.application.modelfile;

import com.google.protobuf.InvalidProtocolBufferException;
import io.textclf.application.files.AtomicFiles;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.proto.v1.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Reads and writes model files: a 52-byte header (magic {@code TEXTCLF\0}, container version,
 * payload length, SHA-256 of the payload) followed by one serialized {@code textclf.v1.ModelFile}.
 *
 * <p>Writes go to a temporary file in the target's folder, are forced to disk, then renamed over the
 * target atomically: a crash leaves either the old file or the new one, never half of one. Reads
 * check the magic, version, length and checksum before parsing, so a truncated or corrupt file is
 * refused with a message saying which.
 */
public final class ModelFileStore {

    static final byte[] MAGIC = "TEXTCLF\0".getBytes(StandardCharsets.US_ASCII);
    static final int CONTAINER_VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 4 + 8 + 32;

    public void save(ModelArtifact artifact, Path target) {
        byte[] payload = ModelFileCodec.toProto(artifact).toByteArray();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).putInt(CONTAINER_VERSION).putLong(payload.length).put(sha256(payload));
        Path temporary = null;
        try {
            temporary = AtomicFiles.temporarySibling(target);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(header.array());
                out.write(payload);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new ModelFileException("cannot write " + target + " atomically: its file system does not "
                        + "support atomic rename", e);
            }
            temporary = null;
        } catch (IOException e) {
            throw new ModelFileException("cannot write model file " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write already failed; the leftover temporary file is named .*.part and never loaded
                }
            }
        }
    }

    public ModelArtifact load(Path source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + source + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + source + ": " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFileException(source + ": not a textclf model file (no TEXTCLF header)");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_BYTES - MAGIC.length);
        int version = header.getInt();
        if (version != CONTAINER_VERSION) {
            throw new ModelFileException(source + ": container version " + version + " is not supported (expected "
                    + CONTAINER_VERSION + ")");
        }
        long length = header.getLong();
        byte[] expectedDigest = new byte[32];
        header.get(expectedDigest);
        long actualLength = bytes.length - HEADER_BYTES;
        if (actualLength != length) {
            throw new ModelFileException(source + ": truncated or padded: header says " + length
                    + " payload bytes, file has " + actualLength);
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expectedDigest, sha256(payload))) {
            throw new ModelFileException(source + ": checksum mismatch: the file is corrupt");
        }
        try {
            return ModelFileCodec.fromProto(ModelFile.parseFrom(payload), source.toString());
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(source + ": payload is not a valid ModelFile message: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
