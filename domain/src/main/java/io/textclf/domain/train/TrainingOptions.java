package io.textclf.domain.train;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.TrainingOption.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The training options by name ({@code textclf train}'s long option names without dashes, e.g.
 * {@code lr}, {@code batch-size}, {@code t-max}) resolved to {@link TrainingSettings}: the one place
 * that knows their defaults (lr's depends on the optimizer and the n-grams, eps's on the optimizer, t-max's
 * on the epochs) and the rule that an option belonging to another optimizer or scheduler than the chosen one
 * is refused.
 * Every adapter that takes training options by name resolves them here.
 */
public final class TrainingOptions {

    /**
     * How an adapter spells an option and a choice in its error messages.
     *
     * @param prefix       before an option's name ({@code --}, {@code parameters.})
     * @param separator    in place of the name's dashes
     * @param choicePrefix before the name of a choice's option ({@code --optimizer sgd})
     * @param names        options spelled otherwise, by name: one set by a file rather than typed, e.g.
     *                     {@code epochs (experiment file e.yaml)}
     */
    public record Spelling(String prefix, char separator, String choicePrefix, Map<String, String> names) {
        /** The command line's: {@code --beta1 does not apply to --optimizer sgd}. */
        public static final Spelling CLI = new Spelling("--", '-', "--");

        public Spelling {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(choicePrefix, "choicePrefix");
            names = Map.copyOf(names);
        }

        /** Every option spelled the same way. */
        public Spelling(String prefix, char separator, String choicePrefix) {
            this(prefix, separator, choicePrefix, Map.of());
        }

        /** This spelling, with the options {@code names} holds spelled as it says. */
        public Spelling withNames(Map<String, String> names) {
            return new Spelling(prefix, separator, choicePrefix, names);
        }

        /** {@code name} (e.g. {@code t-max}) as this adapter spells it, e.g. {@code --t-max} or {@code parameters.t_max}. */
        public String option(String name) {
            String named = names.get(name);
            return named != null ? named : prefix + name.replace('-', separator);
        }

        String choice(String kind) {
            String named = names.get(kind);
            return named != null ? named : choicePrefix + kind.replace('-', separator);
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

        /** What the options chose, for reading them back by name. */
        public Recipe recipe() {
            return new Recipe(settings, ngrams, threads);
        }
    }

    /**
     * Everything the training options set: the hyperparameters, the word n-grams of the text pipeline
     * and the number of training threads.
     *
     * @param settings the hyperparameters
     * @param ngrams   the word n-grams ({@code ngrams}, {@code buckets})
     * @param threads  training threads
     */
    public record Recipe(TrainingSettings settings, WordNgrams ngrams, int threads) {
        public Recipe {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(ngrams, "ngrams");
        }
    }

    /** Every training option, in {@code textclf train}'s order. */
    public static final List<TrainingOption> ALL = table();

    private static final Map<String, TrainingOption> BY_NAME = ALL.stream()
            .collect(Collectors.toMap(TrainingOption::name, o -> o, (a, b) -> a, LinkedHashMap::new));
    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();
    private static final List<String> SGD_ONLY = List.of("momentum", "dampening", "nesterov");
    private static final List<String> ADAGRAD_ONLY = List.of("lr-decay", "initial-accumulator");
    private static final List<String> ADAM_ONLY = List.of("beta1", "beta2");
    private static final List<String> COSINE_ONLY = List.of("t-max", "eta-min");
    private static final List<String> WARMUP_ONLY = List.of("warmup-start-factor", "warmup-epochs");
    private static final List<String> PLATEAU_ONLY = List.of("plateau-patience", "plateau-threshold",
            "plateau-cooldown", "min-lr");

    /** Hash buckets of the word n-grams when {@code buckets} is not given. */
    public static final int DEFAULT_BUCKETS = 200_000;

    /**
     * Plain SGD's rate with word n-grams when {@code lr} is not given, 12 times the tutorial's. A document's
     * mean then spreads over about n times as many features, most of them n-gram rows that start at zero and
     * occur in few documents, while the clipped gradient (the tutorial's norm of 0.1) stays as large: at the
     * tutorial's rate they barely move in 10 epochs. Measured over seeds (docs/benchmarks.md), test accuracy
     * with bigrams rises up to a plateau from 40 to 80 on three datasets, and with trigrams peaks at 60; the
     * largest dataset's test loss is lowest at 40-60 and worse at 80. SGD with momentum, dampening, weight decay
     * or Nesterov keeps the tutorial's rate: momentum already multiplies the steps (0.9 on ag_news_mini with
     * bigrams: 0.8534 at 5, 0.8435 at 60).
     */
    public static final double NGRAM_SGD_RATE = 60;

    /** The longest word n-grams a run may ask for (fastText's users go up to 5; each length adds a feature a word). */
    public static final int MAX_NGRAMS = 16;

    /**
     * The most training threads a run may ask for: more than any machine's cores this serves, and few enough that
     * their buffers cannot exhaust the heap (each thread keeps its own gradients and logits).
     */
    public static final int MAX_THREADS = 256;

    /** Every option name this class takes, in {@code textclf train}'s order. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(BY_NAME.keySet());

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
        try {
            return new TrainingOptions(values, spelling).resolve();
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(spelling.option(e.setting()) + " " + e.problem(), e);
        }
    }

    private Resolved resolve() {
        String optimizerName = text("optimizer", "sgd");
        String schedulerName = text("scheduler", "on-drop");
        int epochs = integer("epochs", TUTORIAL.epochs());
        OptimizerSpec optimizer = optimizer(optimizerName);
        SchedulerSpec scheduler = scheduler(schedulerName, epochs);
        ValidationMetric monitor = given.containsKey("monitor") ? monitor(text("monitor", "")) : TUTORIAL.monitor();
        WordNgrams ngrams = ngrams();
        boolean ngramRate = ngrams.enabled() && optimizer instanceof OptimizerSpec.Sgd;
        double defaultRate = switch (optimizerName) {
            case "adagrad" -> 0.01;
            case "adam" -> 0.001;
            default -> ngramRate ? NGRAM_SGD_RATE : TUTORIAL.learningRate();
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
        if (given.containsKey("monitor") && settings.validationFraction() == 0) {
            throw new IllegalArgumentException(spelling.option("monitor") + " " + settings.monitor().label()
                    + " watches the validation split, and there is none: " + spelling.option("valid-fraction")
                    + " is 0");
        }
        List<RunSetting> derived = new ArrayList<>();
        if (!given.containsKey("lr")) {
            derived.add(new RunSetting("lr", Double.toString(settings.learningRate()), "default for " + optimizerName
                    + (ngramRate ? " with word " + ngrams.n() + "-grams" : "")));
        }
        if (!given.containsKey("t-max") && scheduler instanceof SchedulerSpec.Cosine cosine) {
            derived.add(new RunSetting("t-max", Integer.toString(cosine.tMax()), "default (epochs)"));
        }
        if (!given.containsKey("eps") && optimizer instanceof OptimizerSpec.Adagrad adagrad) {
            derived.add(new RunSetting("eps", Double.toString(adagrad.eps()), "default for " + optimizerName));
        } else if (!given.containsKey("eps") && optimizer instanceof OptimizerSpec.Adam adam) {
            derived.add(new RunSetting("eps", Double.toString(adam.eps()), "default for " + optimizerName));
        }
        if ((long) ngrams.extraRows() * settings.embeddingDim() > ModelDims.MAX_TENSOR_SIZE) {
            throw new IllegalArgumentException(spelling.option("buckets") + " " + ngrams.buckets() + " with "
                    + spelling.option("embed-dim") + " " + settings.embeddingDim() + " makes an embedding of more than "
                    + ModelDims.MAX_TENSOR_SIZE + " values, the most a tensor holds: at most "
                    + (ModelDims.MAX_TENSOR_SIZE / settings.embeddingDim() - 1) + " buckets with that dim");
        }
        int threads = threads();
        Trainer.requireThreadsSupported(optimizer, threads);
        return new Resolved(settings, inapplicable, derived, ngrams, threads);
    }

    private ValidationMetric monitor(String label) {
        try {
            return ValidationMetric.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spelling.option("monitor") + ": " + e.getMessage(), e);
        }
    }

    /** {@code ngrams} and {@code buckets}: buckets only with n-grams, fastText's number by default. */
    private WordNgrams ngrams() {
        int n = integer("ngrams", 1);
        if (n < 1 || n > MAX_NGRAMS) {
            throw new IllegalArgumentException(spelling.option("ngrams") + " must be in [1, " + MAX_NGRAMS
                    + "] (1: words only), was " + n);
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
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(spelling.option("threads") + " must be in [1, " + MAX_THREADS
                    + "], was " + threads);
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
                if (dampening != 0 && momentum == 0) {
                    throw new IllegalArgumentException(spelling.option("dampening") + " damps momentum: it needs "
                            + spelling.option("momentum") + " above 0 (without, PyTorch's SGD ignores it)");
                }
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
            default -> throw new IllegalArgumentException(spelling.option("optimizer") + ": unknown optimizer '" + name
                    + "' (known: sgd, adagrad, adam)");
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
            default -> throw new IllegalArgumentException(spelling.option("scheduler") + ": unknown scheduler '" + name
                    + "' (known: on-drop, step, exponential, cosine, warmup, plateau)");
        };
        onlyFor("scheduler", name, name.equals("cosine") ? List.of() : COSINE_ONLY,
                name.equals("warmup") ? List.of() : WARMUP_ONLY, name.equals("plateau") ? List.of() : PLATEAU_ONLY,
                spec.takesGamma() ? List.of() : List.of("gamma"),
                spec.takesStepSize() ? List.of() : List.of("step-size"));
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
        TrainingOption option = BY_NAME.get(name);
        if (option == null) {
            throw new IllegalArgumentException("unknown training option " + spelling.option(name) + " (known: "
                    + String.join(", ", NAMES.stream().map(spelling::option).toList()) + ")");
        }
        Objects.requireNonNull(value, () -> spelling.option(name) + " has no value");
        Type type = option.type();
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
                case NAME -> {
                    if (text != null) {
                        return text;
                    }
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(spelling.option(name) + ": expected " + type.expected() + ", was '"
                + value + "'");
    }

    /** The training options a resumed run may change: they do not change what the run computes in order. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "log-interval", "threads");

    /**
     * What a model file (or checkpoint) records of its training options: its settings, its pipeline's
     * word n-grams and the threads of its run (1 when not recorded).
     */
    public static Recipe recipeOf(ModelArtifact model) {
        int threads = model.provenance().runSettings().stream().filter(r -> r.name().equals("threads"))
                .map(r -> Integer.parseInt(r.value())).findFirst().orElse(1);
        return new Recipe(model.settings(), model.pipeline().wordNgrams(), threads);
    }

    /** The value of every option that applies to {@code recipe}, by name, in table order. */
    public static Map<String, Object> valuesOf(Recipe recipe) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (TrainingOption option : ALL) {
            option.valueIn(recipe).ifPresent(value -> values.put(option.name(), value));
        }
        return values;
    }

    /**
     * The options whose values differ between two runs' settings, e.g. {@code --lr 5.0 there, 0.1 now},
     * leaving out {@code mayDiffer}; an option that applies to one run only counts as differing.
     */
    public static List<String> differences(Recipe there, Recipe now, Set<String> mayDiffer,
                                           Spelling spelling) {
        List<String> differences = new ArrayList<>();
        for (TrainingOption option : ALL) {
            Optional<?> before = option.valueIn(there);
            Optional<?> after = option.valueIn(now);
            if (!mayDiffer.contains(option.name()) && !before.equals(after)) {
                differences.add(spelling.option(option.name()) + " " + before.map(String::valueOf).orElse("unset")
                        + " there, " + after.map(String::valueOf).orElse("unset") + " now");
            }
        }
        return differences;
    }

    /**
     * The model file's record of the training options: every option that applies to the resolved recipe
     * with its value and where it came from.
     *
     * @param sourceOf the source of a given option by name ({@code flag}, {@code request}, ...), or
     *                 empty for one left at its default
     * @param resolved the resolution, for the reason of derived defaults ({@code default for adam})
     */
    public static List<RunSetting> runSettings(Resolved resolved, Function<String, Optional<String>> sourceOf) {
        Map<String, String> derived = new LinkedHashMap<>();
        resolved.derivedDefaults().forEach(d -> derived.put(d.name(), d.source()));
        List<RunSetting> settings = new ArrayList<>();
        valuesOf(resolved.recipe()).forEach((name, value) -> settings.add(new RunSetting(name, String.valueOf(value),
                sourceOf.apply(name).orElse(derived.getOrDefault(name, "default")))));
        return settings;
    }

    private static List<TrainingOption> table() {
        List<TrainingOption> all = new ArrayList<>();
        all.add(option("epochs", Type.INTEGER, "Epochs (default: 10).", s -> Optional.of(s.epochs())));
        all.add(option("lr", Type.NUMBER, "Learning rate (default: 5 for sgd as in the tutorial, "
                + BigDecimal.valueOf(NGRAM_SGD_RATE).stripTrailingZeros().toPlainString()
                + " for plain sgd (no momentum, weight decay or nesterov) with --ngrams 2 or more; 0.01 for adagrad, "
                + "0.001 for adam, PyTorch's defaults).",
                s -> Optional.of(s.learningRate())));
        all.add(option("batch-size", Type.INTEGER, "Documents per step (default: 64).", s -> Optional.of(s.batchSize())));
        all.add(option("embed-dim", Type.INTEGER, "Embedding dimension (default: 64).",
                s -> Optional.of(s.embeddingDim())));
        all.add(option("clip-norm", Type.NUMBER, "Max total gradient L2 norm (default: 0.1).",
                s -> Optional.of(s.clipNorm())));
        all.add(option("optimizer", Type.NAME, "sgd (the tutorial's), adagrad or adam; PyTorch's rules (default: sgd).",
                s -> Optional.of(s.optimizer().name())));
        all.add(option("momentum", Type.NUMBER, "SGD momentum (default: 0).", sgd(OptimizerSpec.SgdMomentum::momentum)));
        all.add(option("dampening", Type.NUMBER, "SGD momentum dampening (default: 0).",
                sgd(OptimizerSpec.SgdMomentum::dampening)));
        all.add(option("nesterov", Type.BOOLEAN, "SGD with Nesterov momentum.", s -> s.optimizer() instanceof
                OptimizerSpec.SgdMomentum m ? Optional.of(m.nesterov())
                : s.optimizer() instanceof OptimizerSpec.Sgd ? Optional.of(false) : Optional.empty()));
        all.add(option("weight-decay", Type.NUMBER, "L2 penalty added to the gradient, any optimizer (default: 0). "
                + "Moves every embedding row every step, as in PyTorch.", s -> Optional.of(weightDecay(s.optimizer()))));
        all.add(option("lr-decay", Type.NUMBER, "Adagrad's lr decay (default: 0).",
                optimizer(OptimizerSpec.Adagrad.class, OptimizerSpec.Adagrad::lrDecay)));
        all.add(option("initial-accumulator", Type.NUMBER, "Adagrad's initial accumulator value (default: 0).",
                optimizer(OptimizerSpec.Adagrad.class, OptimizerSpec.Adagrad::initialAccumulatorValue)));
        all.add(option("beta1", Type.NUMBER, "Adam's beta1 (default: 0.9).",
                optimizer(OptimizerSpec.Adam.class, OptimizerSpec.Adam::beta1)));
        all.add(option("beta2", Type.NUMBER, "Adam's beta2 (default: 0.999).",
                optimizer(OptimizerSpec.Adam.class, OptimizerSpec.Adam::beta2)));
        all.add(option("eps", Type.NUMBER, "Adagrad's or Adam's eps (default: 1e-10 and 1e-8).",
                s -> s.optimizer() instanceof OptimizerSpec.Adagrad a ? Optional.of(a.eps())
                        : s.optimizer() instanceof OptimizerSpec.Adam a ? Optional.of(a.eps()) : Optional.empty()));
        all.add(option("scheduler", Type.NAME, "Learning-rate schedule, stepped after each epoch: on-drop (the "
                + "tutorial's: StepLR stepped when validation accuracy drops), step, exponential, cosine, warmup, "
                + "plateau (default: on-drop).", s -> Optional.of(s.scheduler().name())));
        all.add(option("gamma", Type.NUMBER, "Factor of on-drop, step, exponential and plateau (default: 0.1).",
                s -> Optional.of(s.gamma()).filter(gamma -> s.scheduler().takesGamma())));
        all.add(option("step-size", Type.INTEGER, "Step size of on-drop and step, in scheduler steps (default: 1).",
                s -> Optional.of(s.stepSize()).filter(stepSize -> s.scheduler().takesStepSize())));
        all.add(option("t-max", Type.INTEGER, "Cosine: epochs down to --eta-min (default: --epochs).",
                scheduler(SchedulerSpec.Cosine.class, SchedulerSpec.Cosine::tMax)));
        all.add(option("eta-min", Type.NUMBER, "Cosine: the lowest learning rate (default: 0).",
                scheduler(SchedulerSpec.Cosine.class, SchedulerSpec.Cosine::etaMin)));
        all.add(option("warmup-start-factor", Type.NUMBER, "Warmup: share of --lr in the first epoch "
                + "(default: 1/3, PyTorch's LinearLR).",
                scheduler(SchedulerSpec.LinearWarmup.class, SchedulerSpec.LinearWarmup::startFactor)));
        all.add(option("warmup-epochs", Type.INTEGER, "Warmup: epochs to reach --lr (default: 5).",
                scheduler(SchedulerSpec.LinearWarmup.class, SchedulerSpec.LinearWarmup::totalIters)));
        all.add(option("plateau-patience", Type.INTEGER, "Plateau: epochs without improvement before reducing "
                + "(default: 10, PyTorch's).", scheduler(SchedulerSpec.ReduceOnPlateau.class,
                SchedulerSpec.ReduceOnPlateau::patience)));
        all.add(option("plateau-threshold", Type.NUMBER, "Plateau: relative improvement that counts (default: 1e-4).",
                scheduler(SchedulerSpec.ReduceOnPlateau.class, SchedulerSpec.ReduceOnPlateau::threshold)));
        all.add(option("plateau-cooldown", Type.INTEGER, "Plateau: epochs to wait after a reduction (default: 0).",
                scheduler(SchedulerSpec.ReduceOnPlateau.class, SchedulerSpec.ReduceOnPlateau::cooldown)));
        all.add(option("min-lr", Type.NUMBER, "Plateau: the lowest learning rate (default: 0).",
                scheduler(SchedulerSpec.ReduceOnPlateau.class, SchedulerSpec.ReduceOnPlateau::minLr)));
        all.add(option("monitor", Type.NAME, "Validation metric for early stopping, the best model and plateau: "
                + "accuracy, loss or macro-f1 (default: accuracy).", s -> Optional.of(s.monitor().label())
                .filter(label -> s.validationFraction() > 0)));
        all.add(option("patience", Type.INTEGER, "Stop after this many epochs without improvement; 0 never stops "
                + "early (default: 0).", s -> Optional.of(s.patience())));
        all.add(option("min-delta", Type.NUMBER, "Least change of the monitored metric that counts as an "
                + "improvement, for --patience and for the best epoch (default: 0).", s -> Optional.of(s.minDelta())));
        all.add(option("valid-fraction", Type.NUMBER, "Share of the training file held out to validate "
                + "(default: 0.05).", s -> Optional.of(s.validationFraction())));
        all.add(option("seed", Type.LONG, "Seed of initial weights, split and shuffles (default: 1).",
                s -> Optional.of(s.seed())));
        all.add(option("init-range", Type.NUMBER, "Weights start uniform in [-r, r) (default: 0.5).",
                s -> Optional.of(s.initRange())));
        all.add(option("min-freq", Type.INTEGER, "Leave out tokens seen fewer times (default: 1).",
                s -> Optional.of(s.minFreq())));
        all.add(option("max-tokens", Type.INTEGER, "Largest vocabulary size including <unk>, 0 for no limit "
                + "(default: 0).", s -> Optional.of(s.maxTokens())));
        all.add(option("log-interval", Type.INTEGER, "Batches between progress lines (default: 500).",
                s -> Optional.of(s.logInterval())));
        all.add(new TrainingOption("ngrams", Type.INTEGER, "Add word n-grams up to this length as features, hashed "
                + "as fastText does (-wordNgrams); 1 for words only (default: 1, at most " + MAX_NGRAMS + ").",
                r -> Optional.of(r.ngrams().n())));
        all.add(new TrainingOption("buckets", Type.INTEGER, "Hash buckets (extra embedding rows) of the word "
                + "n-grams (default: " + DEFAULT_BUCKETS + "; fastText's -bucket is 2000000).",
                r -> r.ngrams().enabled() ? Optional.of(r.ngrams().buckets()) : Optional.empty()));
        all.add(new TrainingOption("threads", Type.INTEGER, "Training threads: 1 (default) is reproducible from the "
                + "seed; more run lock-free parallel SGD (Hogwild, as fastText) with plain SGD on the reference "
                + "backend (at most " + MAX_THREADS + ").", r -> Optional.of(r.threads())));
        return List.copyOf(all);
    }

    private static TrainingOption option(String name, Type type, String help,
                                         Function<TrainingSettings, Optional<?>> value) {
        return new TrainingOption(name, type, help, recipe -> value.apply(recipe.settings()));
    }

    /** A momentum setting: 0 for plain SGD, the value for SGD with momentum, empty for other optimizers. */
    private static Function<TrainingSettings, Optional<?>> sgd(ToDoubleFunction<OptimizerSpec.SgdMomentum> field) {
        return s -> s.optimizer() instanceof OptimizerSpec.SgdMomentum m ? Optional.of(field.applyAsDouble(m))
                : s.optimizer() instanceof OptimizerSpec.Sgd ? Optional.of(0.0) : Optional.empty();
    }

    private static double weightDecay(OptimizerSpec optimizer) {
        if (optimizer instanceof OptimizerSpec.SgdMomentum m) {
            return m.weightDecay();
        }
        if (optimizer instanceof OptimizerSpec.Adagrad a) {
            return a.weightDecay();
        }
        return optimizer instanceof OptimizerSpec.Adam a ? a.weightDecay() : 0;
    }

    private static <O extends OptimizerSpec> Function<TrainingSettings, Optional<?>> optimizer(
            Class<O> kind, Function<O, ?> field) {
        return part(TrainingSettings::optimizer, kind, field);
    }

    private static <S extends SchedulerSpec> Function<TrainingSettings, Optional<?>> scheduler(
            Class<S> kind, Function<S, ?> field) {
        return part(TrainingSettings::scheduler, kind, field);
    }

    /** A field of one kind of optimizer or scheduler: empty when the settings have another kind. */
    private static <P, K extends P> Function<TrainingSettings, Optional<?>> part(
            Function<TrainingSettings, P> part, Class<K> kind, Function<K, ?> field) {
        return s -> Optional.of(part.apply(s)).filter(kind::isInstance).map(p -> field.apply(kind.cast(p)));
    }
}
