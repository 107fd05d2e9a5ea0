package io.textclf.application.train;

import io.textclf.domain.model.RunSetting;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The training options by name ({@code textclf train}'s long option names without dashes, e.g.
 * {@code lr}, {@code batch-size}, {@code t-max}) resolved to {@link TrainingSettings}: the one place
 * that knows their defaults (lr's and eps's depend on the optimizer, t-max's on the epochs) and the
 * rule that an option belonging to another optimizer or scheduler than the chosen one is refused.
 * Every adapter that takes training options by name resolves them here.
 */
public final class TrainingOptions {

    /** How an adapter spells an option and a choice in its error messages. */
    public record Spelling(String prefix, char separator, String choicePrefix) {
        /** The command line's: {@code --beta1 does not apply to --optimizer sgd}. */
        public static final Spelling CLI = new Spelling("--", '-', "--");

        public Spelling {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(choicePrefix, "choicePrefix");
        }

        /** {@code name} (e.g. {@code t-max}) as this adapter spells it, e.g. {@code --t-max} or {@code parameters.t_max}. */
        public String option(String name) {
            return prefix + name.replace('-', separator);
        }

        String choice(String kind) {
            return choicePrefix + kind.replace('-', separator);
        }
    }

    /**
     * The resolved options.
     *
     * @param settings        the hyperparameters
     * @param inapplicable    the option names that belong to another optimizer or scheduler than the chosen
     *                        ones (none of them was given); not part of this run
     * @param derivedDefaults the options not given whose default depends on another option ({@code lr},
     *                        {@code eps}, {@code t-max}), with their values and why, for the run's record
     * @param ngrams          the word n-grams of the text pipeline ({@code ngrams}, {@code buckets})
     * @param threads         training threads ({@code threads}; 1, the default, is reproducible)
     */
    public record Resolved(TrainingSettings settings, Set<String> inapplicable, List<RunSetting> derivedDefaults,
                           WordNgrams ngrams, int threads) {
        public Resolved {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(ngrams, "ngrams");
            inapplicable = Set.copyOf(inapplicable);
            derivedDefaults = List.copyOf(derivedDefaults);
        }
    }

    private enum Type { INTEGER, LONG, NUMBER, BOOLEAN, TEXT }

    private static final Map<String, Type> TYPES = types();
    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();
    private static final List<String> SGD_ONLY = List.of("momentum", "dampening", "nesterov");
    private static final List<String> ADAGRAD_ONLY = List.of("lr-decay", "initial-accumulator");
    private static final List<String> ADAM_ONLY = List.of("beta1", "beta2");
    private static final List<String> COSINE_ONLY = List.of("t-max", "eta-min");
    private static final List<String> WARMUP_ONLY = List.of("warmup-start-factor", "warmup-epochs");
    private static final List<String> PLATEAU_ONLY = List.of("plateau-patience", "plateau-threshold",
            "plateau-cooldown", "min-lr");

    /** Hash buckets of the word n-grams when {@code buckets} is not given. */
    public static final int DEFAULT_BUCKETS = 1_000_000;

    /** Every option name this class takes, in {@code textclf train}'s order. */
    public static final Set<String> NAMES = TYPES.keySet();

    private final Map<String, Object> given;
    private final Spelling spelling;
    private final Set<String> inapplicable = new LinkedHashSet<>();

    private TrainingOptions(Map<String, Object> given, Spelling spelling) {
        this.given = given;
        this.spelling = spelling;
    }

    /**
     * Resolves the options that were given; every other option takes its default.
     *
     * @param given    values by option name: a string to parse, or an {@link Integer}, {@link Long},
     *                 {@link Double} (any {@link Number} for a decimal option), {@link Boolean} or
     *                 {@link String} of the option's type
     * @param spelling how error messages name the options
     * @throws IllegalArgumentException naming the option and what was expected, for an unknown name, a value
     *                                  of the wrong type, an unknown optimizer, scheduler or metric, an
     *                                  option of another optimizer or scheduler, or a value out of range
     */
    public static Resolved resolve(Map<String, ?> given, Spelling spelling) {
        Objects.requireNonNull(spelling, "spelling");
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((name, value) -> values.put(name, convert(name, value, spelling)));
        return new TrainingOptions(values, spelling).resolve();
    }

    private Resolved resolve() {
        String optimizerName = text("optimizer", "sgd");
        String schedulerName = text("scheduler", "on-drop");
        int epochs = integer("epochs", TUTORIAL.epochs());
        OptimizerSpec optimizer = optimizer(optimizerName);
        SchedulerSpec scheduler = scheduler(schedulerName, epochs);
        ValidationMetric monitor = given.containsKey("monitor") ? ValidationMetric.fromLabel(text("monitor", ""))
                : TUTORIAL.monitor();
        WordNgrams ngrams = ngrams();
        // A document's mean embedding spreads over about n times as many features with n-grams, so each
        // feature's gradient is about n times smaller: plain SGD's default rate grows by n to match.
        double defaultRate = switch (optimizerName) {
            case "adagrad" -> 0.01;
            case "adam" -> 0.001;
            default -> TUTORIAL.learningRate() * ngrams.n();
        };
        TrainingSettings settings = new TrainingSettings(epochs, number("lr", defaultRate),
                integer("batch-size", TUTORIAL.batchSize()), integer("embed-dim", TUTORIAL.embeddingDim()),
                number("gamma", TUTORIAL.gamma()), integer("step-size", TUTORIAL.stepSize()),
                number("clip-norm", TUTORIAL.clipNorm()), number("valid-fraction", TUTORIAL.validationFraction()),
                given.containsKey("seed") ? (Long) given.get("seed") : TUTORIAL.seed(),
                number("init-range", TUTORIAL.initRange()), integer("min-freq", TUTORIAL.minFreq()),
                integer("max-tokens", TUTORIAL.maxTokens()), integer("log-interval", TUTORIAL.logInterval()),
                optimizer, scheduler, monitor, integer("patience", TUTORIAL.patience()),
                number("min-delta", TUTORIAL.minDelta()));
        List<RunSetting> derived = new ArrayList<>();
        if (!given.containsKey("lr")) {
            derived.add(new RunSetting("lr", Double.toString(settings.learningRate()), "default for " + optimizerName
                    + (ngrams.enabled() && optimizerName.equals("sgd") ? " with word " + ngrams.n() + "-grams" : "")));
        }
        if (!given.containsKey("t-max") && scheduler instanceof SchedulerSpec.Cosine cosine) {
            derived.add(new RunSetting("t-max", Integer.toString(cosine.tMax()), "default (epochs)"));
        }
        if (!given.containsKey("eps") && optimizer instanceof OptimizerSpec.Adagrad adagrad) {
            derived.add(new RunSetting("eps", Double.toString(adagrad.eps()), "default for " + optimizerName));
        } else if (!given.containsKey("eps") && optimizer instanceof OptimizerSpec.Adam adam) {
            derived.add(new RunSetting("eps", Double.toString(adam.eps()), "default for " + optimizerName));
        }
        return new Resolved(settings, inapplicable, derived, ngrams, threads());
    }

    /** {@code ngrams} and {@code buckets}: buckets only with n-grams, fastText's number by default. */
    private WordNgrams ngrams() {
        int n = integer("ngrams", 1);
        if (n < 1) {
            throw new IllegalArgumentException(spelling.option("ngrams") + " must be at least 1 (words only), was " + n);
        }
        if (n == 1 && given.containsKey("buckets")) {
            throw new IllegalArgumentException(spelling.option("buckets") + " needs " + spelling.option("ngrams")
                    + " 2 or more");
        }
        int buckets = integer("buckets", DEFAULT_BUCKETS);
        if (n > 1 && buckets < 1) {
            throw new IllegalArgumentException(spelling.option("buckets") + " must be at least 1, was " + buckets);
        }
        return WordNgrams.of(n, buckets);
    }

    private int threads() {
        int threads = integer("threads", 1);
        if (threads < 1) {
            throw new IllegalArgumentException(spelling.option("threads") + " must be at least 1, was " + threads);
        }
        return threads;
    }

    private OptimizerSpec optimizer(String name) {
        double weightDecay = number("weight-decay", 0);
        return switch (name) {
            case "sgd" -> {
                onlyFor("optimizer", name, ADAGRAD_ONLY, ADAM_ONLY, List.of("eps"));
                double momentum = number("momentum", 0);
                double dampening = number("dampening", 0);
                boolean nesterov = Boolean.TRUE.equals(given.get("nesterov"));
                yield momentum == 0 && dampening == 0 && weightDecay == 0 && !nesterov ? new OptimizerSpec.Sgd()
                        : new OptimizerSpec.SgdMomentum(momentum, dampening, weightDecay, nesterov);
            }
            case "adagrad" -> {
                onlyFor("optimizer", name, SGD_ONLY, ADAM_ONLY);
                OptimizerSpec.Adagrad defaults = OptimizerSpec.Adagrad.defaults();
                yield new OptimizerSpec.Adagrad(number("lr-decay", defaults.lrDecay()), weightDecay,
                        number("initial-accumulator", defaults.initialAccumulatorValue()),
                        number("eps", defaults.eps()));
            }
            case "adam" -> {
                onlyFor("optimizer", name, SGD_ONLY, ADAGRAD_ONLY);
                OptimizerSpec.Adam defaults = OptimizerSpec.Adam.defaults();
                yield new OptimizerSpec.Adam(number("beta1", defaults.beta1()), number("beta2", defaults.beta2()),
                        number("eps", defaults.eps()), weightDecay);
            }
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: sgd, adagrad, adam)");
        };
    }

    private SchedulerSpec scheduler(String name, int epochs) {
        SchedulerSpec.ReduceOnPlateau plateau = SchedulerSpec.ReduceOnPlateau.defaults();
        SchedulerSpec spec = switch (name) {
            case "on-drop" -> new SchedulerSpec.OnValidationDrop();
            case "step" -> new SchedulerSpec.Step();
            case "exponential" -> new SchedulerSpec.Exponential();
            case "cosine" -> new SchedulerSpec.Cosine(integer("t-max", epochs), number("eta-min", 0));
            case "warmup" -> new SchedulerSpec.LinearWarmup(number("warmup-start-factor", 1.0 / 3),
                    integer("warmup-epochs", 5));
            case "plateau" -> new SchedulerSpec.ReduceOnPlateau(integer("plateau-patience", plateau.patience()),
                    number("plateau-threshold", plateau.threshold()), integer("plateau-cooldown", plateau.cooldown()),
                    number("min-lr", plateau.minLr()));
            default -> throw new IllegalArgumentException("unknown scheduler '" + name
                    + "' (known: on-drop, step, exponential, cosine, warmup, plateau)");
        };
        onlyFor("scheduler", name, name.equals("cosine") ? List.of() : COSINE_ONLY,
                name.equals("warmup") ? List.of() : WARMUP_ONLY, name.equals("plateau") ? List.of() : PLATEAU_ONLY);
        return spec;
    }

    /** Refuses any of {@code options} that was given: they belong to another optimizer or scheduler. */
    @SafeVarargs
    private void onlyFor(String kind, String chosen, List<String>... options) {
        for (List<String> group : options) {
            for (String option : group) {
                inapplicable.add(option);
                if (given.containsKey(option)) {
                    throw new IllegalArgumentException(spelling.option(option) + " does not apply to "
                            + spelling.choice(kind) + " " + chosen);
                }
            }
        }
    }

    private int integer(String name, int fallback) {
        return given.containsKey(name) ? (Integer) given.get(name) : fallback;
    }

    private double number(String name, double fallback) {
        return given.containsKey(name) ? (Double) given.get(name) : fallback;
    }

    private String text(String name, String fallback) {
        return given.containsKey(name) ? (String) given.get(name) : fallback;
    }

    /** {@code value} as its option's type: Integer, Long, Double, Boolean or String. */
    private static Object convert(String name, Object value, Spelling spelling) {
        Type type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown training option " + spelling.option(name) + " (known: "
                    + String.join(", ", NAMES.stream().map(spelling::option).toList()) + ")");
        }
        Objects.requireNonNull(value, () -> spelling.option(name) + " has no value");
        String text = value instanceof String s ? s.strip() : null;
        try {
            switch (type) {
                case INTEGER -> {
                    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        return ((Number) value).intValue();
                    }
                    if (value instanceof Long l) {
                        return Math.toIntExact(l);
                    }
                    if (text != null) {
                        return Integer.valueOf(text);
                    }
                }
                case LONG -> {
                    if (value instanceof Long || value instanceof Integer || value instanceof Short
                            || value instanceof Byte) {
                        return ((Number) value).longValue();
                    }
                    if (text != null) {
                        return Long.valueOf(text);
                    }
                }
                case NUMBER -> {
                    if (value instanceof Number n) {
                        return n.doubleValue();
                    }
                    if (text != null) {
                        return Double.valueOf(text);
                    }
                }
                case BOOLEAN -> {
                    if (value instanceof Boolean) {
                        return value;
                    }
                    if ("true".equals(text) || "false".equals(text)) {
                        return Boolean.valueOf(text);
                    }
                }
                case TEXT -> {
                    if (text != null) {
                        return text;
                    }
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(spelling.option(name) + ": expected " + switch (type) {
            case INTEGER -> "an integer";
            case LONG -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case TEXT -> "a name";
        } + ", was '" + value + "'");
    }

    private static Map<String, Type> types() {
        Map<String, Type> types = new LinkedHashMap<>();
        types.put("epochs", Type.INTEGER);
        types.put("lr", Type.NUMBER);
        types.put("batch-size", Type.INTEGER);
        types.put("embed-dim", Type.INTEGER);
        types.put("clip-norm", Type.NUMBER);
        types.put("optimizer", Type.TEXT);
        types.put("momentum", Type.NUMBER);
        types.put("dampening", Type.NUMBER);
        types.put("nesterov", Type.BOOLEAN);
        types.put("weight-decay", Type.NUMBER);
        types.put("lr-decay", Type.NUMBER);
        types.put("initial-accumulator", Type.NUMBER);
        types.put("beta1", Type.NUMBER);
        types.put("beta2", Type.NUMBER);
        types.put("eps", Type.NUMBER);
        types.put("scheduler", Type.TEXT);
        types.put("gamma", Type.NUMBER);
        types.put("step-size", Type.INTEGER);
        types.put("t-max", Type.INTEGER);
        types.put("eta-min", Type.NUMBER);
        types.put("warmup-start-factor", Type.NUMBER);
        types.put("warmup-epochs", Type.INTEGER);
        types.put("plateau-patience", Type.INTEGER);
        types.put("plateau-threshold", Type.NUMBER);
        types.put("plateau-cooldown", Type.INTEGER);
        types.put("min-lr", Type.NUMBER);
        types.put("monitor", Type.TEXT);
        types.put("patience", Type.INTEGER);
        types.put("min-delta", Type.NUMBER);
        types.put("valid-fraction", Type.NUMBER);
        types.put("seed", Type.LONG);
        types.put("init-range", Type.NUMBER);
        types.put("min-freq", Type.INTEGER);
        types.put("max-tokens", Type.INTEGER);
        types.put("log-interval", Type.INTEGER);
        types.put("ngrams", Type.INTEGER);
        types.put("buckets", Type.INTEGER);
        types.put("threads", Type.INTEGER);
        return Collections.unmodifiableMap(types);
    }
}
