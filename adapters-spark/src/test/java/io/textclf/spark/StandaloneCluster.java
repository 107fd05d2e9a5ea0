package io.textclf.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback, without a Spark distribution: a Master and workers, each a
 * JVM of its own started from this test's class path. {@code SPARK_HOME/jars} links every jar of the
 * class path (workers start executors from there), and {@link #applicationJar()} holds the classes of
 * the class path's folders (this module's, under test), which reach the executors through {@code spark.jars}.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path applicationJar;
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;

    StandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
        home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<Path> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                folders.add(path);
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
        }
        applicationJar = jar(folders, dir.resolve("application.jar"));
        Process master = start(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        masterUrl = await(dir.resolve("master.log"), MASTER_URL, 1);
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            start(dir.resolve("worker-" + w + ".log"), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                    "--work-dir", work.toString(), masterUrl);
        }
        await(dir.resolve("master.log"), Pattern.compile("Registering worker"), workers);
        if (!master.isAlive()) {
            throw new IllegalStateException("the master stopped; see " + dir.resolve("master.log"));
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    Path applicationJar() {
        return applicationJar;
    }

    /** The environment of every JVM of the cluster: loopback, and the jars folder. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    private Process start(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", home.resolve("jars") + "/*"));
        command.addAll(SparkJvm.options());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code log} holds {@code count} matches of {@code pattern}; returns group 1 of the first, if any. */
    private static String await(Path log, Pattern pattern, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher matcher = pattern.matcher(Files.readString(log));
                int found = 0;
                String first = null;
                while (matcher.find()) {
                    if (found++ == 0 && matcher.groupCount() > 0) {
                        first = matcher.group(1);
                    }
                }
                if (found >= count) {
                    return first;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + pattern + "' (x" + count + ") in " + log + " after " + START_TIMEOUT
                + ":\n" + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    private static Path jar(List<Path> folders, Path target) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Path folder : folders) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = folder.relativize(file).toString().replace('\\', '/');
                        if (seen.add(name)) {
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(file, out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        return target;
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
