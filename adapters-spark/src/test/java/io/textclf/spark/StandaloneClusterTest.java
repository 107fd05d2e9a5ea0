package io.textclf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run on a real cluster: a standalone Master and two Workers (1 core, 1 GiB each) as
 * JVMs of their own on 127.0.0.1, and {@code textclf-spark train} submitted to it from a driver JVM
 * of its own: debian_descriptions with the tutorial's recipe, two replicas.
 */
class StandaloneClusterTest {

    /** The single-machine run's test accuracy ({@code textclf train}, docs/benchmarks.md). */
    private static final double SINGLE_MACHINE_ACCURACY = 0.7801;
    /** How far from it two replicas may land: 1 point (they measure 0.7772, docs/spark.md). */
    private static final double TOLERANCE = 0.01;

    @Test
    void debianOnTwoWorkersComesCloseToTheSingleMachineRun(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("debian.textclf");
        Path log = dir.resolve("driver.log");
        try (StandaloneCluster cluster = new StandaloneCluster(dir, 2)) {
            List<String> command = new ArrayList<>(List.of(StandaloneCluster.java(), "-Xmx1g", "-cp",
                    System.getProperty("java.class.path")));
            command.addAll(SparkJvm.options());
            command.addAll(List.of("io.textclf.spark.cli.SparkMain", "train",
                    "--data", TestData.debian().toString(), "--master", cluster.masterUrl(),
                    "--partitions", "2", "-o", model.toString(),
                    "--conf", "spark.jars=" + cluster.applicationJar(),
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--conf", "spark.executor.memory=900m", "--conf", "spark.ui.enabled=false"));
            ProcessBuilder driver = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            driver.environment().putAll(cluster.environment());
            Process process = driver.start();
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the driver did not finish in 10 minutes");
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("on 2 partitions"), output);
        }
        ModelArtifact artifact = new ModelFileStore().load(model);
        double accuracy = artifact.metrics().testAccuracy();
        assertTrue(Math.abs(accuracy - SINGLE_MACHINE_ACCURACY) <= TOLERANCE,
                "test accuracy " + accuracy + " vs the single machine's " + SINGLE_MACHINE_ACCURACY);
        assertEquals(6063, artifact.metrics().testExamples());
        try (TextClassifier classifier = new TextClassifier(new BasicEnglishTokenizer(), artifact.vocabulary(),
                artifact.labels(), new ReferenceBackend().inference(artifact.parameters()))) {
            assertEquals("python", classifier.predict("Python 3 module for parsing YAML files", 1).top().label());
        }
    }
}
