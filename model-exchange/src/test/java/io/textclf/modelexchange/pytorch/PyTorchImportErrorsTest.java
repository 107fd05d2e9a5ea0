package io.textclf.modelexchange.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.modelexchange.ModelExchangeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
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
                "itos.txt: cannot read the vocabulary: no such file");
        assertRefused(FIXTURE.resolve("tutorial_model.safetensors"), itos(), folder,
                folder + ": cannot read the class names: a folder, not a file");
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
