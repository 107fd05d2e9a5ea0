package io.textclf.domain.train;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which learning-rate schedule to use, as data: one of PyTorch's, or a program's own {@link Scheduler} as a
 * {@link Custom} spec. Every schedule steps once per epoch, after validation, as the tutorial steps its
 * {@code StepLR}. Schedules that have a factor or a step size take {@link TrainingSettings#gamma()} and
 * {@link TrainingSettings#stepSize()}.
 */
public sealed interface SchedulerSpec {

    /** Short name used on the command line and in model files. */
    String name();

    /** The schedule's settings in PyTorch's words, given the run's settings. */
    String describe(TrainingSettings settings);

    /** A fresh scheduler of this kind for {@code settings}. */
    Scheduler create(TrainingSettings settings);

    /** Whether this schedule takes {@link TrainingSettings#gamma()}: all built-in ones but cosine and warm-up do. */
    default boolean takesGamma() {
        return this instanceof OnValidationDrop || this instanceof Step || this instanceof Exponential
                || this instanceof ReduceOnPlateau;
    }

    /** Whether this schedule takes {@link TrainingSettings#stepSize()}: the two {@code StepLR} ones do. */
    default boolean takesStepSize() {
        return this instanceof OnValidationDrop || this instanceof Step;
    }

    /**
     * Why textclf cannot resume a run on this schedule from its checkpoint, or empty when it can: a custom schedule is
     * its program's own code, which the checkpoint does not hold.
     */
    default Optional<String> whyNotResumable() {
        return this instanceof Custom custom ? Optional.of("its schedule '" + custom.name() + "' ("
                + custom.description() + ") is the training program's own: only that program can resume it")
                : Optional.empty();
    }

    /**
     * The tutorial's rule and the default: {@code StepLR(step_size, gamma)} stepped only after an epoch
     * whose validation accuracy fell below the best so far.
     */
    record OnValidationDrop() implements SchedulerSpec {
        @Override
        public String name() {
            return "on-drop";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "StepLR(step_size=" + s.stepSize() + ", gamma=" + s.gamma() + ") stepped when validation "
                    + "accuracy drops";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new StepOnValidationDrop(new StepLr(s.learningRate(), s.stepSize(), s.gamma()));
        }
    }

    /** {@code StepLR(step_size, gamma)} stepped after every epoch. */
    record Step() implements SchedulerSpec {
        @Override
        public String name() {
            return "step";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "StepLR(step_size=" + s.stepSize() + ", gamma=" + s.gamma() + ")";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new StepSchedule(new StepLr(s.learningRate(), s.stepSize(), s.gamma()));
        }
    }

    /** {@code ExponentialLR(gamma)}. */
    record Exponential() implements SchedulerSpec {
        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "ExponentialLR(gamma=" + s.gamma() + ")";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new ExponentialSchedule(s.learningRate(), s.gamma());
        }
    }

    /**
     * {@code CosineAnnealingLR(T_max, eta_min)}.
     *
     * @param tMax   epochs from the initial rate down to {@code etaMin}, at least 1
     * @param etaMin the lowest rate, at least 0
     */
    record Cosine(int tMax, double etaMin) implements SchedulerSpec {
        public Cosine {
            if (tMax < 1) {
                throw new InvalidSettingException("t-max", "must be at least 1, was " + tMax);
            }
            if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
                throw new InvalidSettingException("eta-min", "must be at least 0, was " + etaMin);
            }
        }

        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "CosineAnnealingLR(T_max=" + tMax + ", eta_min=" + etaMin + ")";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new CosineSchedule(s.learningRate(), tMax, etaMin);
        }
    }

    /**
     * Linear warm-up, {@code LinearLR(start_factor, end_factor=1.0, total_iters)}.
     *
     * @param startFactor share of the rate used in the first epoch, in (0, 1]
     * @param totalIters  epochs until the full rate, at least 1
     */
    record LinearWarmup(double startFactor, int totalIters) implements SchedulerSpec {
        public LinearWarmup {
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new InvalidSettingException("warmup-start-factor", "must be in (0, 1], was " + startFactor);
            }
            if (totalIters < 1) {
                throw new InvalidSettingException("warmup-epochs", "must be at least 1, was " + totalIters);
            }
        }

        @Override
        public String name() {
            return "warmup";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "LinearLR(start_factor=" + startFactor + ", end_factor=1.0, total_iters=" + totalIters + ")";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new LinearWarmupSchedule(s.learningRate(), startFactor, totalIters);
        }
    }

    /**
     * {@code ReduceLROnPlateau(mode, factor=gamma, patience, threshold, threshold_mode="rel", cooldown,
     * min_lr)} on the run's {@link TrainingSettings#monitor() monitored metric} (mode max for accuracy
     * and macro-F1, min for loss).
     *
     * @param patience  epochs without improvement tolerated before reducing, at least 0 (PyTorch: 10)
     * @param threshold relative improvement that counts, at least 0 (PyTorch: 1e-4)
     * @param cooldown  epochs to wait after a reduction, at least 0 (PyTorch: 0)
     * @param minLr     the lowest rate, at least 0 (PyTorch: 0)
     */
    record ReduceOnPlateau(int patience, double threshold, int cooldown, double minLr) implements SchedulerSpec {
        public ReduceOnPlateau {
            if (patience < 0) {
                throw new InvalidSettingException("plateau-patience", "must be at least 0, was " + patience);
            }
            if (cooldown < 0) {
                throw new InvalidSettingException("plateau-cooldown", "must be at least 0, was " + cooldown);
            }
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new InvalidSettingException("plateau-threshold", "must be at least 0, was " + threshold);
            }
            if (!(minLr >= 0) || Double.isInfinite(minLr)) {
                throw new InvalidSettingException("min-lr", "must be at least 0, was " + minLr);
            }
        }

        /** PyTorch's defaults. */
        public static ReduceOnPlateau defaults() {
            return new ReduceOnPlateau(10, 1e-4, 0, 0);
        }

        @Override
        public String name() {
            return "plateau";
        }

        @Override
        public String describe(TrainingSettings s) {
            return "ReduceLROnPlateau(mode=" + (s.monitor().higherIsBetter() ? "max" : "min") + " on validation "
                    + s.monitor().label() + ", factor=" + s.gamma() + ", patience=" + patience + ", threshold="
                    + threshold + ", cooldown=" + cooldown + ", min_lr=" + minLr + ")";
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return new ReduceOnPlateauSchedule(s.learningRate(), s.monitor(), s.gamma(), patience, threshold,
                    cooldown, minLr);
        }
    }

    /**
     * A schedule of the caller's own, for a program that uses the domain as a library: any {@link Scheduler}, made
     * fresh for each run by {@code factory} (from the run's settings: {@link TrainingSettings#learningRate()} is the
     * initial rate). A model file records its name and description; read back, the spec can describe the run but not
     * make its scheduler (the code is the program's), so such a run resumes only where the program supplies the
     * same spec again ({@link TrainingSettings#withScheduler}). Two specs are equal when their names and
     * descriptions are, as a model file tells them apart.
     *
     * @param name        one word naming it in logs and model files, none of the built-in names
     * @param description what it does, in one line (PyTorch's words where it mirrors a PyTorch scheduler)
     * @param factory     a fresh scheduler for a run's settings
     */
    record Custom(String name, String description, Function<TrainingSettings, Scheduler> factory)
            implements SchedulerSpec {

        /** The built-in schedules' names, which a custom one cannot take. */
        public static final Set<String> BUILT_IN = Set.of("on-drop", "step", "exponential", "cosine", "warmup",
                "plateau");

        public Custom {
            Objects.requireNonNull(factory, "factory");
            if (name == null || !name.matches("[A-Za-z0-9_.:-]+") || BUILT_IN.contains(name)) {
                throw new IllegalArgumentException("a custom schedule needs a one-word name that is none of "
                        + new TreeSet<>(BUILT_IN) + ", was " + (name == null ? "none" : "'" + name + "'"));
            }
            description = description == null || description.isBlank() ? name : description.strip();
            if (description.lines().count() > 1) {
                throw new IllegalArgumentException("a custom schedule's description is one line, was '"
                        + description + "'");
            }
        }

        /** Equal when name and description are: the spec as a model file has it, whatever code makes the scheduler. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Custom c && c.name.equals(name) && c.description.equals(description);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, description);
        }

        /**
         * The spec of a custom schedule read back from a model file or checkpoint: it describes the run; asked for a
         * scheduler, it refuses, naming the schedule.
         */
        public static Custom recorded(String name, String description) {
            return new Custom(name, description, settings -> {
                throw new IllegalStateException("the schedule '" + name + "' (" + description + ") is a program's "
                        + "own: only that program can run it, by giving TrainingSettings.withScheduler its spec");
            });
        }

        @Override
        public String describe(TrainingSettings s) {
            return description;
        }

        @Override
        public Scheduler create(TrainingSettings s) {
            return Objects.requireNonNull(factory.apply(s), "the schedule '" + name + "' made no scheduler");
        }
    }
}
