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

    /**
     * The session: {@code --master}, else the master spark-submit set, else {@code local[*]}. A local
     * master binds the driver to loopback.
     */
    SparkSession open(String command) {
        SparkConf sparkConf = new SparkConf();
        String url = master != null ? master : sparkConf.get("spark.master", "local[*]");
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
