package org.sparsevit4j.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsevit4j.app.ClusterEvaluation;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.SessionSpec;
import org.sparsevit4j.core.InvalidInputException;

/**
 * A search's evaluations on Apache Spark: a Spark context on the driver (this process), a job per
 * generation, a task per configuration, the model loaded once per executor JVM and device
 * ({@link ExecutorModels}). Speculation is off: a configuration is evaluated by one task attempt at a
 * time, and a failed attempt is retried up to {@code spark.task.maxFailures} times (a local master too:
 * {@code local[N]} runs as {@code local[N,maxFailures]}).
 *
 * <p>Files reach the executors as {@code spark.sparsevit.ship} says: {@code checkpoint} (the default)
 * ships the checkpoint through {@code SparkFiles}, {@code checkpoint,dataset} the dataset folder too,
 * {@code none} neither (the executors then read the driver's paths, which must be shared). Either way an
 * executor checks the checkpoint against the SHA-256 the driver recorded before it loads it.
 */
public final class SparkEvaluation implements ClusterEvaluation {

    /** What the driver ships to the executors: {@code checkpoint}, {@code dataset}, or {@code none}. */
    public static final String SHIP = "spark.sparsevit.ship";
    private static final String QUIET_NATIVE_LOADER = "org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");

    private final JavaSparkContext context;
    private final ConfigTask task;
    private final Set<String> ship;

    /** Runs {@code task} on {@code context}'s executors, shipping what {@link #SHIP} in its settings says. */
    SparkEvaluation(JavaSparkContext context, ConfigTask task) {
        this(context, task, ship(context.getConf()));
    }

    SparkEvaluation(JavaSparkContext context, ConfigTask task, Set<String> ship) {
        this.context = context;
        this.task = task;
        this.ship = ship;
    }

    /** What {@code META-INF/services} names: Spark for {@link ClusterEvaluation#open}. */
    public static final class Provider implements ClusterEvaluation.Provider {

        @Override
        public ClusterEvaluation open(String master, Progress progress) {
            return SparkEvaluation.start(master, progress);
        }
    }

    /** Starts a Spark context on {@code master} with the settings of {@link #conf}. */
    public static SparkEvaluation start(String master, Progress progress) {
        // Hadoop's classes say at every start that they run without Hadoop's native library, which is no news here
        if (System.getProperty(QUIET_NATIVE_LOADER) == null) {
            System.setProperty(QUIET_NATIVE_LOADER, "error");
        }
        SparkConf conf = conf(master);
        if (conf.getBoolean("spark.speculation", false)) {
            progress.warning("spark.speculation=true is ignored: each configuration is evaluated by one attempt at a time");
        }
        conf.set("spark.speculation", "false");
        ship(conf); // bad values are refused before a context starts
        return new SparkEvaluation(new JavaSparkContext(conf), ConfigTask.EVALUATE);
    }

    /**
     * The settings: those given to {@code spark-submit} or as {@code spark.*} system properties, the
     * master, speculation off; a local master retries failed tasks like a cluster does, binds to the
     * loopback address and draws no web UI or console progress.
     */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf(true).setAppName("sparsevit").set("spark.speculation", "false");
        Matcher local = LOCAL.matcher(master.strip());
        if (local.matches()) {
            String threads = local.group(1) == null ? "1" : local.group(1);
            conf.setMaster("local[" + threads + "," + conf.getInt("spark.task.maxFailures", 4) + "]");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        } else {
            conf.setMaster(master.strip());
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    private static Set<String> ship(SparkConf conf) {
        return ship(conf.get(SHIP, "checkpoint"));
    }

    /** The parts of a {@link #SHIP} value: {@code checkpoint}, {@code dataset} (none for {@code none}). */
    static Set<String> ship(String value) {
        Set<String> ship = new TreeSet<>();
        for (String part : value.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals("checkpoint") || name.equals("dataset")) {
                ship.add(name);
            } else if (!name.equals("none")) {
                throw new InvalidInputException(SHIP + "=" + value + ": each part must be checkpoint, dataset or none");
            }
        }
        return ship;
    }

    /** The evaluations of {@code primary} on this context, after shipping its files as {@link #SHIP} says. */
    @Override
    public SparkService open(ModelSession primary, Progress progress) {
        return service(primary);
    }

    SparkService service(ModelSession session) {
        SessionSpec spec = session.spec();
        String weights = null;
        if (ship.contains("checkpoint")) {
            context.addFile(spec.weights().toString());
            weights = spec.weights().getFileName().toString();
        }
        String dataset = null;
        if (ship.contains("dataset") && spec.data().dataset() != null) {
            Path folder = spec.data().dataset().toAbsolutePath();
            context.sc().addFile(folder.toString(), true);
            dataset = folder.getFileName().toString();
        }
        return new SparkService(context, session, ExecutorSpec.of(spec, weights, dataset), task, description());
    }

    @Override
    public String description() {
        return "Spark " + context.version() + ", master " + context.master() + " (" + context.defaultParallelism()
                + " task slots; ships " + (ship.isEmpty() ? "nothing" : String.join(" and ", ship)) + ")";
    }

    /** The context, for tests. */
    JavaSparkContext context() {
        return context;
    }

    @Override
    public void close() {
        boolean local = context.isLocal();
        context.stop();
        if (local) {
            ExecutorModels.closeAll(); // the executors were this JVM's threads
        }
    }
}
