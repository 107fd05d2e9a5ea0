package io.textclf.modelformat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The container of model files and checkpoints: a 52-byte header (8-byte magic, container version,
 * payload length, SHA-256 of the payload) followed by the payload.
 *
 * <p>Writes go to a temporary file in the target's folder, are forced to disk, then renamed over the
 * target atomically: a crash leaves either the old file or the new one, never half of one. Reads
 * check the magic, version, length and checksum, so a truncated or corrupt file is refused with a
 * message saying which.
 */
final class ChecksummedContainer {

    static final int VERSION = 1;
    static final int HEADER_BYTES = ContainerKind.MAGIC_BYTES + 4 + 8 + 32;
    private static final int WRITE_CHUNK_BYTES = 1 << 20;
    /** What a read asks the file for at a time. */
    private static final int READ_CHUNK_BYTES = 1 << 16;

    private ChecksummedContainer() {
    }

    /**
     * Checks, before any long work, that {@link #write} will be able to write {@code target}: its folder
     * can take a new file, and an existing {@code target} is a file of this kind (never data or another
     * kind of file that a typo in a path would destroy).
     *
     * @throws ModelFileException naming the file and the reason
     */
    static void checkWritable(Path target, ContainerKind kind) {
        String noun = kind.noun();
        if (target.toString().isEmpty()) {
            throw new ModelFileException("cannot write " + noun + ": the path is empty; name a file");
        }
        if (Files.isDirectory(target)) {
            throw new ModelFileException("cannot write " + noun + " " + target + ": it is a folder");
        }
        try {
            if (Files.exists(target) && !kind.matches(start(target))) {
                throw new ModelFileException("refusing to overwrite " + target + ": it exists and is not a "
                        + noun + "; choose another output path or delete it");
            }
            AtomicFiles.requireWritable(target);
        } catch (IOException e) {
            throw new ModelFileException("cannot write " + noun + " " + target + ": "
                    + AtomicFiles.reason(e, target), e);
        }
    }

    /** The first bytes of {@code file}, as many as a magic has, or fewer when the file is shorter. */
    static byte[] start(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(ContainerKind.MAGIC_BYTES);
        }
    }

    /** The largest container: one Java array. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    /** What {@link #warmUp} hashes. */
    private static final int WARM_UP_BYTES = 1 << 20;
    /** Whether this JVM has warmed the writing up already (a server trains many models). */
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    /**
     * Hashes a megabyte, then runs {@code encoding}, on a daemon thread, once per JVM, so that the JIT has compiled
     * SHA-256 to the CPU's own instructions, and the payload's encoding, before a large file is written: until then
     * the JVM hashes in bytecode (a 26.5 MB model took 45-65 ms to hash in a fresh JVM, 17 ms after this).
     *
     * @param encoding writes a small payload somewhere harmless, so that its code is loaded and compiled
     */
    static void warmUp(Runnable encoding) {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            sha256().digest(new byte[WARM_UP_BYTES]);
            encoding.run();
        }, "textclf-model-file-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** A payload that writes itself to a stream, {@link #size()} bytes in all. */
    interface Payload {
        long size();

        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the payload as it comes, a megabyte at a time, hashing it on the way; the header, which holds the
     * hash, goes in last, at the start of the still temporary file.
     *
     * @param kind what the file is, for messages ("model file", "checkpoint")
     * @throws ModelFileException naming the file when it cannot be written, or when it would be larger than a
     *                            container can be read back ({@link #MAX_FILE_BYTES})
     */
    static void write(Path target, ContainerKind containerKind, Payload payload) {
        String kind = containerKind.noun();
        if (payload.size() > MAX_FILE_BYTES - HEADER_BYTES) {
            throw new ModelFileException("cannot write " + kind + " " + target + ": it would take "
                    + (payload.size() + HEADER_BYTES) + " bytes, more than the " + MAX_FILE_BYTES + " a " + kind
                    + " can be read back with");
        }
        try {
            AtomicFiles.replace(target, temporary -> {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    MessageDigest digest = sha256();
                    channel.position(HEADER_BYTES);
                    HashingChannelOutput out = new HashingChannelOutput(channel, digest);
                    payload.writeTo(out);
                    out.flush();
                    long written = channel.position() - HEADER_BYTES;
                    if (written != payload.size()) {
                        throw new IllegalStateException("the payload wrote " + written + " bytes, not the "
                                + payload.size() + " it announced");
                    }
                    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                    header.put(containerKind.magic()).putInt(VERSION).putLong(written).put(digest.digest()).flip();
                    while (header.hasRemaining()) {
                        channel.write(header, header.position());
                    }
                    channel.force(true);
                }
            });
        } catch (AtomicMoveNotSupportedException e) {
            throw new ModelFileException("cannot write " + target + " atomically: its file system does not "
                    + "support atomic rename", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot write " + kind + " " + target + ": "
                    + AtomicFiles.reason(e, target), e);
        }
    }

    /** What to do with a file of {@code kind} that was given where another kind was expected. */
    private static String hint(ContainerKind kind, Path file) {
        return kind == ContainerKind.CHECKPOINT ? " ('textclf info " + file + "' says where its run stands and the "
                + "command that resumes it)" : "";
    }

    /** What to do with a file of another format that textclf reads or writes, told by its name. */
    private static String foreignHint(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return "; a safetensors state_dict becomes a model file with 'textclf import --state-dict " + file + "'";
        }
        if (name.endsWith(".onnx")) {
            return "; ONNX files are what 'textclf export' writes for other runtimes, textclf runs its own model files";
        }
        return "";
    }

    /**
     * A stream into a channel at its position, through a buffer of {@link #WRITE_CHUNK_BYTES} (a heap buffer
     * passes through a temporary direct buffer of its size), every byte also added to a digest. A write of a
     * buffer's size or more goes straight to the channel.
     */
    private static final class HashingChannelOutput extends OutputStream {
        private final FileChannel channel;
        private final MessageDigest digest;
        private final byte[] buffer = new byte[WRITE_CHUNK_BYTES];
        private int used;

        HashingChannelOutput(FileChannel channel, MessageDigest digest) {
            this.channel = channel;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                flush();
                write(ByteBuffer.wrap(bytes, offset, length));
                return;
            }
            while (length > 0) {
                if (used == buffer.length) {
                    flush();
                }
                int part = Math.min(length, buffer.length - used);
                System.arraycopy(bytes, offset, buffer, used, part);
                used += part;
                offset += part;
                length -= part;
            }
        }

        @Override
        public void flush() throws IOException {
            write(ByteBuffer.wrap(buffer, 0, used));
            used = 0;
        }

        /** Hashes and writes {@code bytes} (a whole buffer or more: not copied into the buffer first). */
        private void write(ByteBuffer bytes) throws IOException {
            digest.update(bytes.duplicate());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /** Parses a payload from a stream (of at most {@link #MAX_FILE_BYTES} bytes). */
    @FunctionalInterface
    interface PayloadParser<T> {
        T parse(CodedInputStream payload) throws IOException;
    }

    /**
     * Parses the payload of {@code source} as it is read, a buffer at a time, hashing it on the way: the file's
     * bytes are never all in memory. Nothing parsed is returned unless the whole payload matches its checksum;
     * when it does not, the checksum is what is reported, whatever the parser made of the bytes.
     *
     * @param message the payload's message, for messages ("ModelFile", "Checkpoint")
     * @throws ModelFileException naming the file and the problem: missing, wrong magic, version, length or
     *                            checksum, or a payload that is not a valid {@code message}
     */
    static <T> T read(Path source, ContainerKind containerKind, PayloadParser<T> parser) {
        String kind = containerKind.noun();
        try {
            checkReadable(source, kind);
            try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                while (header.hasRemaining() && channel.read(header) >= 0) {
                    // read the whole header, or up to the end of a shorter file
                }
                header.flip();
                return readPayload(source, containerKind, parser, channel, header);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(kind + " " + source + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + kind + " " + source + ": "
                    + AtomicFiles.reason(e, source), e);
        }
    }

    private static <T> T readPayload(Path source, ContainerKind containerKind, PayloadParser<T> parser,
                                     FileChannel channel, ByteBuffer header) throws IOException {
        String kind = containerKind.noun();
        String message = containerKind.message();
        byte[] start = new byte[Math.min(ContainerKind.MAGIC_BYTES, header.remaining())];
        header.get(start);
        if (!containerKind.matches(start)) {
            throw new ModelFileException(source + ": " + ContainerKind.of(start)
                    .map(other -> "a textclf " + other.noun() + ", not a " + kind + hint(other, source))
                    .orElse("not a textclf " + kind + " (no " + containerKind.magicName() + " header)"
                            + foreignHint(source)));
        }
        if (header.remaining() < HEADER_BYTES - start.length) {
            throw new ModelFileException(source + ": truncated: " + channel.size() + " bytes, less than the "
                    + HEADER_BYTES + "-byte header of a " + kind);
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new ModelFileException(source + ": container version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        long length = header.getLong();
        byte[] expectedDigest = new byte[32];
        header.get(expectedDigest);
        long actualLength = channel.size() - HEADER_BYTES;
        if (actualLength != length) {
            throw new ModelFileException(source + ": truncated or padded: header says " + length
                    + " payload bytes, file has " + actualLength);
        }
        MessageDigest digest = sha256();
        InputStream in = new HashingInput(Channels.newInputStream(channel.position(HEADER_BYTES)), digest);
        CodedInputStream payload = CodedInputStream.newInstance(in, READ_CHUNK_BYTES);
        // every length inside is bounded by the bytes left: a corrupt one cannot ask for more than the file holds
        payload.pushLimit(Math.toIntExact(length));
        T parsed = null;
        InvalidProtocolBufferException invalid = null;
        RuntimeException failure = null;
        try {
            parsed = parser.parse(payload);
        } catch (InvalidProtocolBufferException e) {
            invalid = e;
        } catch (RuntimeException e) {
            failure = e;
        }
        in.transferTo(OutputStream.nullOutputStream());
        if (!MessageDigest.isEqual(expectedDigest, digest.digest())) {
            throw new ModelFileException(source + ": checksum mismatch: the file is corrupt");
        }
        if (invalid != null) {
            throw new ModelFileException(source + ": payload is not a valid " + message + " message: "
                    + invalid.getMessage(), invalid);
        }
        if (failure != null) {
            throw failure;
        }
        return parsed;
    }

    /**
     * A stream that adds every byte it hands over or skips to a digest: protobuf skips what it does not parse,
     * and those bytes count for the checksum too ({@code DigestInputStream} passes skips on unhashed).
     */
    private static final class HashingInput extends FilterInputStream {
        private final MessageDigest digest;

        HashingInput(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read > 0) {
                digest.update(bytes, offset, read);
            }
            return read;
        }

        /** Reads the bytes skipped, so that they are hashed. */
        @Override
        public long skip(long count) throws IOException {
            byte[] buffer = new byte[(int) Math.min(count, READ_CHUNK_BYTES)];
            long skipped = 0;
            while (skipped < count) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Refuses, without opening it, what cannot be a container: a device or pipe (reading {@code /dev/zero}
     * never ends, opening a FIFO blocks) or a file larger than one array can hold.
     */
    private static void checkReadable(Path source, String kind) throws IOException {
        if (Files.exists(source) && !Files.isRegularFile(source)) {
            throw new ModelFileException(kind + " " + source + (Files.isDirectory(source) ? " is a folder"
                    : " is not a regular file (a pipe or device cannot be read as one)"));
        }
        long size = Files.exists(source) ? Files.size(source) : 0;
        if (size > MAX_FILE_BYTES) {
            throw new ModelFileException(kind + " " + source + " is " + size + " bytes, more than a " + kind
                    + " can be (" + MAX_FILE_BYTES + ")");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
