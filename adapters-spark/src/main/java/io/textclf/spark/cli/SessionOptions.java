package io.textclf.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the job runs: the Spark master and any Spark setting. */
final class SessionOptions {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*] (default, unless "
            + "spark-submit set one), local[N], spark://HOST:PORT, yarn, k8s://https://HOST:PORT.")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting, e.g. "
            + "--conf spark.executor.memory=4g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** How long a standalone master may take to accept a connection before the job is refused. */
    private static final int MASTER_CONNECT_MILLIS = 5_000;

    /**
     * The session: {@code --master}, else {@code --conf spark.master}, else the master spark-submit set, else
     * {@code local[*]}. A local master binds the driver to loopback; a standalone master URL that names no master
     * is a usage error, and one whose masters do not accept a connection is refused at once.
     */
    SparkSession open(String command, CommandSpec spec) {
        String url = master != null ? master : conf.getOrDefault("spark.master",
                new SparkConf().get("spark.master", "local[*]"));
        String origin = master != null ? "--master" : conf.containsKey("spark.master") ? "--conf spark.master"
                : "spark.master";
        if (StandaloneMasters.isStandalone(url)) {
            try {
                StandaloneMasters.requireReachable(url, origin, MASTER_CONNECT_MILLIS);
            } catch (StandaloneMasters.MalformedMasterException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        SparkSession.Builder builder = SparkSession.builder().appName("textclf-spark " + command).master(url);
        if (url.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        conf.forEach((key, value) -> {
            if (!key.equals("spark.master")) {
                builder.config(key, value);
            }
        });
        SparkSession session = builder.getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
