package io.textclf.modelexchange.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.Tensor;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.modelexchange.safetensors.ModelSafetensors;
import io.textclf.modelexchange.safetensors.SafetensorsFile;
import io.textclf.modelexchange.safetensors.SafetensorsFormat;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that do not make a model are refused, naming the file and the reason. */
class PyTorchImportErrorsTest {

    private static final Path FIXTURE = PyTorchFixtureTest.FIXTURE;

    @TempDir
    Path folder;

    @Test
    void truncatedStateDict() throws Exception {
        byte[] bytes = Files.readAllBytes(FIXTURE.resolve("tutorial_model.safetensors"));
        Path cut = write("cut.safetensors", Arrays.copyOf(bytes, bytes.length - 4));
        assertRefused(cut, itos(), classes(), "cut.safetensors: the header's tensors cover");
    }

    @Test
    void notSafetensors() throws Exception {
        assertRefused(write("x.safetensors", "PK\3\4 not a safetensors file at all".getBytes(StandardCharsets.UTF_8)),
                itos(), classes(), "x.safetensors: declares a header of");
    }

    @Test
    void halfPrecision() throws Exception {
        assertRefused(safetensors("{\"embedding.weight\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[0,2]}}", 2),
                itos(), classes(), "tensor embedding.weight has dtype F16; only F32");
    }

    @Test
    void missingBias() throws Exception {
        assertRefused(safetensors("{\"embedding.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[4,12]}}", 12),
                itos(), classes(), "missing parameter fc.bias");
    }

    @Test
    void vocabularyOfAnotherSize() throws Exception {
        Path shorter = write("itos.txt", "<unk>\nthe\n".getBytes(StandardCharsets.UTF_8));
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), shorter, classes(),
                "itos.txt holds 2 tokens but");
    }

    @Test
    void vocabularyWithoutUnknownToken() throws Exception {
        String tokens = Files.readString(FIXTURE.resolve("itos.txt")).replace("<unk>\n", "<pad>\n");
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), write("itos.txt", tokens.getBytes(StandardCharsets.UTF_8)),
                classes(), "the vocabulary has no <unk> token");
    }

    @Test
    void emptyLineInClasses() throws Exception {
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), itos(),
                write("classes.txt", "World\n\nBusiness\nSci/Tech\n".getBytes(StandardCharsets.UTF_8)),
                "classes.txt: line 2 is empty");
    }

    @Test
    void aWeightThatIsNotANumber() throws Exception {
        String header = "{\"embedding.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[8,16]},"
                + "\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + json.length + 24).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json).putFloat(0.5f).putFloat(-0.5f).putFloat(1f).putFloat(Float.NaN)
                .putFloat(0f).putFloat(0f);
        assertRefused(write("nan.safetensors", file.array()), write("itos.txt", "<unk>\nthe\n".getBytes(
                StandardCharsets.UTF_8)), write("classes.txt", "A\nB\n".getBytes(StandardCharsets.UTF_8)),
                "nan.safetensors: fc.weight holds NaN at index 1");
    }

    @Test
    void missingFilesAndFoldersAreSaidToBeSo() {
        assertRefused(folder.resolve("nope.safetensors"), itos(), classes(),
                "nope.safetensors: cannot read the state_dict: no such file");
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), folder.resolve("itos.txt"), classes(),
                "itos.txt: cannot read the vocabulary file: no such file");
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), itos(), folder,
                folder + ": cannot read the class-names file: a folder, not a file");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotPartOfItsEntry() throws Exception {
        byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path itos = write("itos.txt", concat(mark, Files.readAllBytes(itos())));
        Path classes = write("classes.txt", concat(mark, Files.readAllBytes(classes())));
        ImportedModel marked = PyTorchImport.read(FIXTURE.resolve("tutorial_model.safetensors"), Optional.of(itos),
                Optional.of(classes));
        ImportedModel plain = PyTorchImport.read(FIXTURE.resolve("tutorial_model.safetensors"), Optional.of(itos()),
                Optional.of(classes()));
        assertEquals(plain.vocabulary().tokens(), marked.vocabulary().tokens());
        assertEquals(plain.labels(), marked.labels());
    }

    @Test
    void aRepeatedClassNameIsNamedWithTheFile() throws Exception {
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), itos(),
                write("classes.txt", "World\nSports\nWorld\nSci/Tech\n".getBytes(StandardCharsets.UTF_8)),
                "classes.txt: class name 'World' repeats (class 3 of 4 and class 1)");
    }

    @Test
    void noSideFilesAndNoMetadata() {
        ModelExchangeException e = assertThrows(ModelExchangeException.class, () -> PyTorchImport.read(
                FIXTURE.resolve("tutorial_model.safetensors"), Optional.empty(), Optional.of(classes())));
        assertTrue(e.getMessage().contains("has no textclf.vocabulary metadata: give --vocab"), e.getMessage());
    }

    @Test
    void aTextclfModelFileIsNotTakenForAStateDict() throws Exception {
        assertRefused(write("m.textclf", "TEXTCLF\0 and the rest of a model file".getBytes(StandardCharsets.ISO_8859_1)),
                itos(), classes(), "m.textclf: a textclf model file, not a safetensors state_dict");
    }

    /** textclf's own export says where unknown words go; a value that is no index of its vocabulary is refused. */
    @Test
    void theMetadatasDefaultIndexIsUsedWithItsVocabularyOrRefused() throws Exception {
        String tokens = "[\"the\",\"<unk>\",\"news\"]";
        ImportedModel imported = PyTorchImport.read(withMetadata(Map.of(ModelSafetensors.VOCABULARY, tokens,
                ModelSafetensors.DEFAULT_INDEX, "2")), Optional.empty(), Optional.of(twoClasses()));
        assertEquals(2, imported.vocabulary().defaultIndex());
        for (String index : List.of("abc", "-1", "3")) {
            ModelExchangeException e = assertThrows(ModelExchangeException.class, () -> PyTorchImport.read(
                    withMetadata(Map.of(ModelSafetensors.VOCABULARY, tokens, ModelSafetensors.DEFAULT_INDEX, index)),
                    Optional.empty(), Optional.of(twoClasses())));
            assertTrue(e.getMessage().endsWith("metadata textclf.default_index is '" + index + "', expected the index "
                    + "of the vocabulary's token for unknown words, 0 to 2"), e.getMessage());
        }
    }

    @Test
    void aTokenizerThatContradictsThePipelineIsRefused() throws Exception {
        ModelExchangeException e = assertThrows(ModelExchangeException.class, () -> PyTorchImport.read(
                withMetadata(Map.of(ModelSafetensors.TOKENIZER, "char_trigrams", ModelSafetensors.PIPELINE,
                        "{\"tokenizer\":\"basic_english\"}")), Optional.of(threeTokens()), Optional.of(twoClasses())));
        assertTrue(e.getMessage().contains("metadata textclf.tokenizer names 'char_trigrams' but textclf.pipeline names "
                + "'basic_english'"), e.getMessage());
    }

    /** The model says which files it came from, wherever it is run from later. */
    @Test
    void theSourcesAreRecordedByAbsolutePathAndMd5() throws Exception {
        ImportedModel imported = PyTorchImport.read(FIXTURE.resolve("tutorial_model.safetensors"), Optional.of(itos()),
                Optional.of(classes()));
        Map<String, String> sources = new HashMap<>();
        imported.sources().forEach(setting -> sources.put(setting.name(), setting.value()));
        assertEquals(FIXTURE.resolve("itos.txt").toAbsolutePath().normalize().toString(), sources.get("vocab"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(itos()))),
                sources.get("vocab-md5"));
        assertEquals(Set.of("state-dict", "state-dict-md5", "vocab", "vocab-md5", "labels", "labels-md5"),
                sources.keySet());
    }

    /** A model of three tokens, 2 dimensions and two classes, with {@code metadata}. */
    private Path withMetadata(Map<String, String> metadata) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embedding.weight", new Tensor(new int[] {3, 2}, new float[6]));
        tensors.put("fc.weight", new Tensor(new int[] {2, 2}, new float[4]));
        tensors.put("fc.bias", new Tensor(new int[] {2}, new float[2]));
        Path file = folder.resolve("meta.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            SafetensorsFormat.write(new SafetensorsFile(tensors, metadata), out);
        }
        return file;
    }

    private Path threeTokens() throws Exception {
        return write("three.txt", "the\n<unk>\nnews\n".getBytes(StandardCharsets.UTF_8));
    }

    private Path twoClasses() throws Exception {
        return write("two.txt", "A\nB\n".getBytes(StandardCharsets.UTF_8));
    }

    private Path safetensors(String header, int dataBytes) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + json.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json);
        return write("model.safetensors", file.array());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(folder.resolve(name), bytes);
    }

    private static Path itos() {
        return FIXTURE.resolve("itos.txt");
    }

    private static Path classes() {
        return FIXTURE.resolve("classes.txt");
    }

    private static void assertRefused(Path stateDict, Path itos, Path classes, String reason) {
        ModelExchangeException e = assertThrows(ModelExchangeException.class,
                () -> PyTorchImport.read(stateDict, Optional.of(itos), Optional.of(classes)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
