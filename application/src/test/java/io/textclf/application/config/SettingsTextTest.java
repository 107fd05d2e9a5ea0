package io.textclf.application.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTextTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
        Path marked = Files.write(dir.resolve("marked.properties"),
                "\uFEFFbackend=djl\ndevice=cpu\n".getBytes(StandardCharsets.UTF_8));
        Path plain = Files.write(dir.resolve("plain.properties"), "backend=djl\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("djl", load(marked).getProperty("backend"));
        assertEquals("djl", load(plain).getProperty("backend"));
        assertEquals("djl", TextclfConfig.resolve(java.util.Map.of(), java.util.Map.of(),
                java.util.Optional.of(marked)).value(SettingKey.BACKEND));
        assertEquals("sesame", SettingsText.withoutByteOrderMark("\uFEFFsesame"));
        assertEquals("sesame", SettingsText.withoutByteOrderMark("sesame"));
        assertEquals("", SettingsText.withoutByteOrderMark(""));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = SettingsText.open(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
