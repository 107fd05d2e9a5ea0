package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileStoreTest {

    @TempDir
    Path dir;

    private final ModelFileStore store = new ModelFileStore();

    static ModelArtifact artifact() {
        StateDict parameters = new UniformInitializer(0.5, 3).initialize(new ModelDims(4, 3, 2));
        return new ModelArtifact(PipelineSpec.tutorial(), new Vocabulary(List.of("<unk>", "the", "ball", "é"), 0),
                List.of("World", "Sports"), parameters, TrainingSettings.tutorial(),
                new ModelMetrics(0.75, 0.5, 8, 0.7, List.of(new EpochSummary(1, 0.9, 0.6, 0.7, 5.0, 0.01))),
                new Provenance(List.of(new DatasetFingerprint("train", "/d/train.csv", "abc", 10)), "reference",
                        "0.1.0", "17", Instant.parse("2026-11-27T12:00:00Z"), "Linux amd64", 1.5));
    }

    @Test
    void everyClassHasANameOfItsOwnOnOneLine() {
        ModelArtifact a = artifact();
        for (Map.Entry<List<String>, String> bad : Map.of(
                List.of("World", "World"), "label 1 'World' repeats label 0: every class has a name of its own",
                List.of("World", " "), "label 1 is empty: a class name is one line of text",
                List.of("Wor\nld", "Sports"), "label 0 holds a line break: a class name is one line of text").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelArtifact(
                    a.pipeline(), a.vocabulary(), bad.getKey(), a.parameters(), a.settings(), a.metrics(),
                    a.provenance()));
            assertEquals(bad.getValue(), e.getMessage());
        }
    }

    @Test
    void roundTripKeepsEverything() {
        Path file = dir.resolve("m.textclf");
        ModelArtifact original = artifact();
        store.save(original, file);
        ModelArtifact loaded = store.load(file);
        assertEquals(original.parameters(), loaded.parameters());
        assertEquals(original.vocabulary().tokens(), loaded.vocabulary().tokens());
        assertEquals(original.labels(), loaded.labels());
        assertEquals(original.settings(), loaded.settings());
        assertEquals(original.metrics(), loaded.metrics());
        assertEquals(original.provenance(), loaded.provenance());
        assertEquals(PipelineSpec.tutorial(), loaded.pipeline());
    }

    @Test
    void thePipelineIsRecordedWithItsSettingsAndFeaturesWhateverTheTokenizer() {
        Path file = dir.resolve("m.textclf");
        ModelArtifact base = artifact();
        PipelineSpec pipeline = new PipelineSpec("char_trigrams", java.util.Map.of("lowercase", "true"),
                java.util.Map.of("word_ngrams", "2", "buckets", "10"));
        ModelDims dims = base.parameters().dims();
        StateDict withBuckets = new UniformInitializer(0.5, 3).initialize(
                new ModelDims(dims.vocabSize() + 10, dims.embeddingDim(), dims.numClasses()), 10);
        store.save(new ModelArtifact(pipeline, base.vocabulary(), base.labels(), withBuckets, base.settings(),
                base.metrics(), base.provenance()), file);
        assertEquals(pipeline, store.load(file).pipeline());
    }

    /** A library program's own schedule is recorded by name and description; read back, it describes the run. */
    @Test
    void aProgramsOwnScheduleIsRecordedAndReadBackAsADescription() {
        Path file = dir.resolve("m.textclf");
        ModelArtifact base = artifact();
        SchedulerSpec.Custom halving = new SchedulerSpec.Custom("halving", "halves the rate after every epoch",
                s -> { throw new AssertionError("not run here"); });
        store.save(new ModelArtifact(base.pipeline(), base.vocabulary(), base.labels(), base.parameters(),
                base.settings().withScheduler(halving), base.metrics(), base.provenance()), file);
        SchedulerSpec loaded = store.load(file).settings().scheduler();
        assertEquals("halving", loaded.name());
        assertEquals("halves the rate after every epoch", loaded.describe(base.settings()));
        assertThrows(IllegalStateException.class, () -> loaded.create(base.settings()));
    }

    @Test
    void anEmptyPathIsNoFileToWrite() {
        assertEquals("cannot write model file: the path is empty; name a file", assertThrows(ModelFileException.class,
                () -> store.checkWritable(Path.of(""))).getMessage());
    }

    @Test
    void savingAgainReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        store.save(artifact(), file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] before = Files.readAllBytes(file);
        ChecksummedContainer.Payload failing = new ChecksummedContainer.Payload() {
            @Override
            public long size() {
                return 3 << 20;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[2 << 20]);
                throw new IOException("disk full");
            }
        };
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ChecksummedContainer.write(file, ContainerKind.MODEL_FILE, failing));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theModelThatReadiesSavingIsAWholeModelFile() {
        Path file = dir.resolve("warm-up.textclf");
        store.prepareToSave();
        ModelArtifact warmUp = ModelFileStore.warmUpArtifact();
        store.save(warmUp, file);
        ModelArtifact loaded = store.load(file);
        assertEquals(ModelFileStore.WARM_UP_TOKENS, loaded.vocabulary().size());
        assertEquals(warmUp.metrics(), loaded.metrics());
        assertEquals(warmUp.provenance(), loaded.provenance());
        assertArrayEquals(warmUp.parameters().tensors().get("embedding.weight").values(),
                loaded.parameters().tensors().get("embedding.weight").values());
    }

    @Test
    void aPayloadTooLargeToReadBackIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = dir.resolve("huge.ckpt");
        ChecksummedContainer.Payload huge = new ChecksummedContainer.Payload() {
            @Override
            public long size() {
                return ChecksummedContainer.MAX_FILE_BYTES;
            }

            @Override
            public void writeTo(OutputStream out) {
                throw new AssertionError("nothing may be written");
            }
        };
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ChecksummedContainer.write(file, ContainerKind.CHECKPOINT, huge));
        assertTrue(e.getMessage().startsWith("cannot write checkpoint " + file + ": it would take "), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void modelFilesAreReadableByOthersLikeAnyWrittenFile() throws IOException {
        Path file = dir.resolve("shared.textclf");
        store.save(artifact(), file);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void truncatedFileIsRefusedWithTheSizes() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        ModelFileException e = assertThrows(ModelFileException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("truncated or padded: header says " + (bytes.length - 52)
                + " payload bytes, file has " + (bytes.length - 62)), e.getMessage());
    }

    @Test
    void anyFlippedPayloadByteFailsTheChecksum() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertEquals(file + ": checksum mismatch: the file is corrupt",
                assertThrows(ModelFileException.class, () -> store.load(file)).getMessage());
    }

    @Test
    void otherFilesAndMissingFilesAreNamed() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a model");
        assertEquals(text + ": not a textclf model file (no TEXTCLF header)",
                assertThrows(ModelFileException.class, () -> store.load(text)).getMessage());
        Path model = dir.resolve("whole.textclf");
        store.save(artifact(), model);
        Path headerOnly = dir.resolve("header-only.textclf");
        Files.write(headerOnly, Arrays.copyOf(Files.readAllBytes(model), 40));
        assertEquals(headerOnly + ": truncated: 40 bytes, less than the 52-byte header of a model file",
                assertThrows(ModelFileException.class, () -> store.load(headerOnly)).getMessage());
        Path missing = dir.resolve("missing.textclf");
        assertEquals("model file " + missing + " does not exist",
                assertThrows(ModelFileException.class, () -> store.load(missing)).getMessage());
    }

    @Test
    void headerIsTheDocumentedLayout() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals("TEXTCLF\0".getBytes(), Arrays.copyOf(bytes, 8));
        assertEquals(1, java.nio.ByteBuffer.wrap(bytes, 8, 4).getInt());
        assertEquals(bytes.length - 52, java.nio.ByteBuffer.wrap(bytes, 12, 8).getLong());
    }

    @Test
    void aFileOneBytePaddedIsRefusedWithTheSizes() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
        assertEquals(file + ": truncated or padded: header says " + (bytes.length - 52) + " payload bytes, file has "
                + (bytes.length - 51), assertThrows(ModelFileException.class, () -> store.load(file)).getMessage());
    }

    @Test
    void anOlderOrNewerContainerVersionIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("m.textclf");
        store.save(artifact(), file);
        byte[] bytes = Files.readAllBytes(file);
        for (int version : new int[] {0, 2}) {
            java.nio.ByteBuffer.wrap(bytes, 8, 4).putInt(version);
            Files.write(file, bytes);
            assertEquals(file + ": container version " + version + " is not supported (expected 1)",
                    assertThrows(ModelFileException.class, () -> store.load(file)).getMessage());
        }
    }

    /** A payload of another format version, checksummed as a file of that version would be. */
    @Test
    void anOlderOrNewerFormatVersionIsRefusedNamingIt() throws IOException {
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        new ModelFilePayload(artifact()).writeTo(payload);
        io.textclf.modelformat.v1.ModelFile current = io.textclf.modelformat.v1.ModelFile.parseFrom(
                payload.toByteArray());
        assertEquals(1, current.getFormatVersion());
        Path file = dir.resolve("m.textclf");
        for (int version : new int[] {0, 2}) {
            byte[] other = current.toBuilder().setFormatVersion(version).build().toByteArray();
            StreamedReadTest.writeContainer(file, ContainerKind.MODEL_FILE, other);
            assertEquals(file + ": model format version " + version + " is not supported by this textclf (it reads "
                    + "version 1)", assertThrows(ModelFileException.class, () -> store.load(file)).getMessage());
        }
    }
}
