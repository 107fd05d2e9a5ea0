package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    /** A program that trains with the domain alone records the version the build gave the library. */
    @Test
    void theCurrentVersionIsTheProjectsVersion() throws Exception {
        Matcher version = Pattern.compile("<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(version.find());
        assertEquals(version.group(1), Provenance.currentVersion());
    }
}
