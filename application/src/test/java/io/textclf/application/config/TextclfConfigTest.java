package io.textclf.application.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextclfConfigTest {

    @TempDir
    Path dir;

    @Test
    void flagBeatsEnvironmentBeatsConfigFileBeatsDefault() throws IOException {
        Path file = dir.resolve("textclf.properties");
        Files.writeString(file, "backend=djl\ndevice=cuda\n");
        Map<String, String> env = Map.of("TEXTCLF_BACKEND", "nd4j");

        TextclfConfig fromFlag = TextclfConfig.resolve(Map.of(SettingKey.BACKEND, "reference"), env, Optional.of(file));
        assertEquals(new Setting("reference", "flag"), fromFlag.get(SettingKey.BACKEND));

        TextclfConfig fromEnv = TextclfConfig.resolve(Map.of(), env, Optional.of(file));
        assertEquals(new Setting("nd4j", "environment variable TEXTCLF_BACKEND"), fromEnv.get(SettingKey.BACKEND));
        assertEquals(new Setting("cuda", "config file " + file), fromEnv.get(SettingKey.DEVICE));

        TextclfConfig fromFile = TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(file));
        assertEquals("djl", fromFile.value(SettingKey.BACKEND));

        TextclfConfig viaEnvPath = TextclfConfig.resolve(Map.of(), Map.of("TEXTCLF_CONFIG", file.toString()), Optional.empty());
        assertEquals("djl", viaEnvPath.value(SettingKey.BACKEND));

        assertEquals(new Setting("auto", "default"),
                TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(Files.writeString(dir.resolve("empty"), "")))
                        .get(SettingKey.DEVICE));
    }

    @Test
    void unknownKeysAndMissingFilesAreErrors() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "backnd=djl\n");
        assertEquals("config file " + file + ": unknown key 'backnd'",
                assertThrows(ConfigException.class, () -> TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(file)))
                        .getMessage());
        Path twice = Files.writeString(dir.resolve("twice.properties"), "backend=djl\ndevice=cpu\nbackend=nd4j\n");
        assertEquals("config file " + twice + ": 'backend' is set twice (the later value would win silently): keep one",
                assertThrows(ConfigException.class, () -> TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(twice)))
                        .getMessage());
        Path missing = dir.resolve("missing.properties");
        assertEquals("config file " + missing + " does not exist",
                assertThrows(ConfigException.class, () -> TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(missing)))
                        .getMessage());
        Path relative = Files.writeString(dir.resolve("relative-cache.properties"), "cache.dir=cache/textclf\n");
        assertEquals(dir.resolve("cache/textclf").toString(),
                TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(relative)).value(SettingKey.CACHE_DIR),
                "a relative folder in the file is relative to the file, not to where the command runs");
        Path empty = Files.writeString(dir.resolve("empty-value.properties"), "backend=reference\ncache.dir=  \n");
        assertEquals("config file " + empty + ": cache.dir has no value (leave the key out for its default)",
                assertThrows(ConfigException.class, () -> TextclfConfig.resolve(Map.of(), Map.of(), Optional.of(empty)))
                        .getMessage());
    }
}
