package io.textclf.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

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
     * The session: {@code --master}, else the master spark-submit set, else {@code local[*]}. A local
     * master binds the driver to loopback; a standalone master that does not accept a connection is
     * refused at once.
     */
    SparkSession open(String command) {
        SparkConf sparkConf = new SparkConf();
        String url = master != null ? master : sparkConf.get("spark.master", "local[*]");
        if (StandaloneMasters.isStandalone(url)) {
            StandaloneMasters.requireReachable(url, MASTER_CONNECT_MILLIS);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("textclf-spark " + command).master(url);
        if (url.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        conf.forEach(builder::config);
        SparkSession session = builder.getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
