package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.modelformat.v1.ClassificationReport;
import io.textclf.modelformat.v1.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files are read as a stream (each tensor's floats straight into their array): what protobuf accepts
 * is accepted, and what is wrong is reported as when the whole payload was parsed at once, the checksum first.
 */
class StreamedReadTest {

    @TempDir
    Path dir;

    private final ModelFileStore store = new ModelFileStore();

    @Test
    void tensorsWrittenAnyWayProtobufAllowsReadBackTheSame() {
        ModelArtifact artifact = ModelFileStoreTest.artifact();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, WholeMessages.modelFile(artifact).toBuilder().clearParameters().build().toByteArray());
        // the parameters last, their shapes unpacked (as proto2 writes them), the fields of each in reverse order
        for (Map.Entry<String, Tensor> entry : artifact.parameters().tensors().entrySet()) {
            write(payload, tensorField(entry.getKey(), entry.getValue()));
        }
        Path file = container(payload.toByteArray());
        assertEquals(artifact.parameters(), store.load(file).parameters());
        assertEquals(artifact.vocabulary().tokens(), store.load(file).vocabulary().tokens());
    }

    @Test
    void aPayloadThatIsNotAMessageIsRefusedAsSuch() {
        Path file = container(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7, 1, 2});
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertTrue(e.getMessage().startsWith(file + ": payload is not a valid ModelFile message: "), e.getMessage());
        // a tensor claiming a gigabyte in a payload of six bytes: refused, nothing of that size allocated
        Path huge = container(new byte[] {0x32, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04});
        e = assertThrows(ModelFileException.class, () -> store.load(huge));
        assertTrue(e.getMessage().startsWith(huge + ": payload is not a valid ModelFile message: "), e.getMessage());
    }

    @Test
    void aTensorOfDataThatIsNotWholeFloatsIsAnInconsistentModel() {
        ModelArtifact artifact = ModelFileStoreTest.artifact();
        ModelFile proto = WholeMessages.modelFile(artifact);
        ModelFile broken = proto.toBuilder().setParameters(2, proto.getParameters(2).toBuilder()
                .setData(proto.getParameters(2).getData().substring(1))).build();
        Path file = container(broken.toByteArray());
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertEquals(file + ": inconsistent model: fc.bias has " + (proto.getParameters(2).getData().size() - 1)
                + " data bytes, not a whole number of float32 values", e.getMessage());
    }

    /** Labels that do not fit the model are named as such, not by the measurements recorded for them. */
    @Test
    void aLabelTooFewIsNamedBeforeTheTestReportItMakesInconsistent() {
        ModelArtifact artifact = ModelFileStoreTest.artifact();
        ModelFile proto = WholeMessages.modelFile(artifact);
        List<String> fewer = proto.getLabelsList().subList(0, proto.getLabelsCount() - 1);
        int classes = proto.getLabelsCount();
        ClassificationReport report = ClassificationReport.newBuilder()
                .addAllConfusion(Collections.nCopies(classes * classes, 1L)).setExamples(classes * classes).build();
        ModelFile broken = proto.toBuilder().clearLabels().addAllLabels(fewer)
                .setMetrics(proto.getMetrics().toBuilder().setTestReport(report)).build();
        Path file = container(broken.toByteArray());
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertEquals(file + ": inconsistent model: fc.weight has " + proto.getLabelsCount() + " rows but there are "
                + fewer.size() + " labels", e.getMessage());
    }

    @Test
    void aCorruptTensorIsReportedByItsChecksumWhateverItsBytesParseAs() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(ModelFileStoreTest.artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        // the last byte of the payload sits in the data of the last tensor
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertEquals(file + ": checksum mismatch: the file is corrupt", e.getMessage());
        // and so is a length that no longer fits its message: the tokenizer's (format_version is 2 bytes before)
        bytes[bytes.length - 1] ^= 0x40;
        assertEquals(0x12, bytes[ModelFileStore.HEADER_BYTES + 2], "field 2, length-delimited");
        bytes[ModelFileStore.HEADER_BYTES + 3] = 0x7F;
        Files.write(file, bytes);
        e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertEquals(file + ": checksum mismatch: the file is corrupt", e.getMessage());
    }

    @Test
    void aCheckpointsNestedModelAndTensorsReadBackTheSame() {
        ModelArtifact model = CheckpointAndExtendedModelFileTest.extended();
        StateDict parameters = model.parameters();
        io.textclf.domain.train.TrainingState state = new io.textclf.domain.train.TrainingState(parameters,
                new io.textclf.domain.train.OptimizerState(4, Map.of("fc.bias.sum",
                        new Tensor(new int[] {2}, new float[] {0.5f, -1f}))), model.metrics().epochs(), 0,
                io.textclf.domain.train.PartialEpoch.START, java.util.Optional.empty(), 0);
        Path file = dir.resolve("epoch-0002.ckpt");
        new CheckpointStore().save(new Checkpoint(model, state, "d"), file);
        Checkpoint loaded = new CheckpointStore().load(file);
        assertEquals(state, loaded.state());
        assertArrayEquals(new float[] {0.5f, -1f}, loaded.state().optimizer().buffers().get("fc.bias.sum").values());
    }

    @Test
    void fieldsThisReaderDoesNotKnowAreSkippedAndStillCountForTheChecksum() {
        ModelArtifact artifact = ModelFileStoreTest.artifact();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, WholeMessages.modelFile(artifact).toBuilder().clearParameters().build().toByteArray());
        byte[] unknown = new byte[200_000];
        Arrays.fill(unknown, (byte) 7);
        for (Map.Entry<String, Tensor> entry : artifact.parameters().tensors().entrySet()) {
            // a field of a later schema in each tensor, larger than what a read takes from the file at a time
            write(payload, tensorField(entry.getKey(), entry.getValue(), unknown));
        }
        Path file = container(payload.toByteArray());
        assertEquals(artifact.parameters(), store.load(file).parameters());
    }

    @Test
    void aNameRunningPastItsTensorIsNotAValidMessageEvenWithTheRightChecksum() {
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        // Tensor { name: a length of 100 in a message of 3 bytes }
        write(tensor, new byte[] {0x32, 0x03, 0x0A, 0x64, 0x41});
        write(tensor, new byte[70_000]);
        Path file = container(tensor.toByteArray());
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertTrue(e.getMessage().startsWith(file + ": payload is not a valid ModelFile message: "), e.getMessage());
    }

    @Test
    void aCheckpointsModelInTwoPartsIsMergedAsProtobufMergesIt() throws IOException {
        ModelArtifact model = CheckpointAndExtendedModelFileTest.extended();
        io.textclf.domain.train.TrainingState state = io.textclf.domain.train.TrainingState.start(
                model.parameters());
        ModelFile whole = WholeMessages.modelFile(model);
        io.textclf.modelformat.v1.Checkpoint first = io.textclf.modelformat.v1.Checkpoint.newBuilder()
                .setModel(whole.toBuilder().clearParameters()).setDataset("d").build();
        io.textclf.modelformat.v1.Checkpoint second = io.textclf.modelformat.v1.Checkpoint.newBuilder()
                .setModel(ModelFile.newBuilder().addAllParameters(whole.getParametersList())).build();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, first.toByteArray());
        write(payload, second.toByteArray());
        Path file = dir.resolve("epoch-0000.ckpt");
        writeContainer(file, ContainerKind.CHECKPOINT, payload.toByteArray());
        Checkpoint loaded = new CheckpointStore().load(file);
        assertEquals(model.parameters(), loaded.state().parameters());
        assertEquals(state.parameters(), loaded.model().parameters());
        assertEquals(model.vocabulary().tokens(), loaded.model().vocabulary().tokens());
        assertEquals("d", loaded.dataset());
    }

    /** A {@code parameters} field written by hand: data, then the shape unpacked, then the name. */
    private static byte[] tensorField(String name, Tensor tensor) {
        return tensorField(name, tensor, new byte[0]);
    }

    /** As {@link #tensorField(String, Tensor)}, with {@code unknown} as field 15 first unless it is empty. */
    private static byte[] tensorField(String name, Tensor tensor, byte[] unknown) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(message);
        try {
            if (unknown.length > 0) {
                out.writeByteArray(15, unknown);
            }
            ByteBuffer data = ByteBuffer.allocate(tensor.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            tensor.copyInto(data.asFloatBuffer());
            out.writeByteArray(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER, data.array());
            for (int size : tensor.shape()) {
                out.writeInt64(io.textclf.modelformat.v1.Tensor.SHAPE_FIELD_NUMBER, size);
            }
            out.writeString(io.textclf.modelformat.v1.Tensor.NAME_FIELD_NUMBER, name);
            out.flush();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            CodedOutputStream fieldOut = CodedOutputStream.newInstance(field);
            fieldOut.writeTag(ModelFile.PARAMETERS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            fieldOut.writeByteArrayNoTag(message.toByteArray());
            fieldOut.flush();
            return field.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    /** A model file's container around {@code payload}, its checksum right. */
    private Path container(byte[] payload) {
        Path file = dir.resolve("crafted.textclf");
        writeContainer(file, ContainerKind.MODEL_FILE, payload);
        return file;
    }

    /** Writes {@code payload} as a container of {@code kind}, checksummed as a real one: to craft files. */
    static void writeContainer(Path file, ContainerKind kind, byte[] payload) {
        ChecksummedContainer.write(file, kind, new ChecksummedContainer.Payload() {
            @Override
            public long size() {
                return payload.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(payload);
            }
        });
    }
}
