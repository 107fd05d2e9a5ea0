package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A start-up failure is told apart: a jar missing from the class path is no native-library problem. */
class Nd4jRuntimeTest {

    @Test
    void aMissingClassIsNamedWhereverItIsInTheCauses() {
        Throwable wrapped = new ExceptionInInitializerError(
                new RuntimeException("static init", new NoClassDefFoundError("org/slf4j/LoggerFactory")));
        assertEquals(Optional.of("org.slf4j.LoggerFactory"), Nd4jRuntime.missingClass(wrapped));
        assertEquals(Optional.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), Nd4jRuntime.missingClass(
                new RuntimeException(new ClassNotFoundException("org.nd4j.linalg.cpu.nativecpu.CpuBackend"))));
    }

    @Test
    void aNativeFailureIsNoMissingClass() {
        assertEquals(Optional.empty(),
                Nd4jRuntime.missingClass(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path")));
    }
}
