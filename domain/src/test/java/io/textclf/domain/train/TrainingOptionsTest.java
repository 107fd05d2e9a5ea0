package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.RunSetting;
import io.textclf.domain.text.WordNgrams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    private static final TrainingOptions.Spelling FIELDS = new TrainingOptions.Spelling("parameters.", '_', "");

    @Test
    void nothingGivenIsTheTutorialWithTheDefaultLearningRateRecorded() {
        TrainingOptions.Resolved resolved = resolve(Map.of());
        assertEquals(TrainingSettings.tutorial(), resolved.settings());
        assertEquals(List.of(new RunSetting("lr", "5.0", "default for sgd")), resolved.derivedDefaults());
        assertEquals(Set.of("lr-decay", "initial-accumulator", "beta1", "beta2", "eps", "t-max", "eta-min",
                "warmup-start-factor", "warmup-epochs", "plateau-patience", "plateau-threshold", "plateau-cooldown",
                "min-lr"), resolved.inapplicable());
    }

    @Test
    void stringsAndTypedValuesResolveAlike() {
        TrainingSettings expected = new TrainingSettings(3, 2, 16, 8, 0.5, 2, 1, 0, 7, 0.1, 2, 1000, 20);
        assertEquals(expected, resolve(Map.ofEntries(Map.entry("epochs", "3"), Map.entry("lr", "2"),
                Map.entry("batch-size", " 16 "), Map.entry("embed-dim", "8"), Map.entry("gamma", "0.5"),
                Map.entry("step-size", "2"), Map.entry("clip-norm", "1"), Map.entry("valid-fraction", "0"),
                Map.entry("seed", "7"), Map.entry("init-range", "0.1"), Map.entry("min-freq", "2"),
                Map.entry("max-tokens", "1000"), Map.entry("log-interval", "20"))).settings());
        assertEquals(expected, resolve(Map.ofEntries(Map.entry("epochs", 3), Map.entry("lr", 2.0),
                Map.entry("batch-size", 16), Map.entry("embed-dim", 8), Map.entry("gamma", 0.5),
                Map.entry("step-size", 2), Map.entry("clip-norm", 1), Map.entry("valid-fraction", 0.0),
                Map.entry("seed", 7L), Map.entry("init-range", 0.1), Map.entry("min-freq", 2),
                Map.entry("max-tokens", 1000), Map.entry("log-interval", 20))).settings());
    }

    @Test
    void defaultsThatDependOnOtherOptions() {
        TrainingOptions.Resolved adam = resolve(Map.of("optimizer", "adam", "scheduler", "cosine", "epochs", 4));
        assertEquals(0.001, adam.settings().learningRate());
        assertEquals(OptimizerSpec.Adam.defaults(), adam.settings().optimizer());
        assertEquals(new SchedulerSpec.Cosine(4, 0), adam.settings().scheduler());
        assertEquals(List.of(new RunSetting("lr", "0.001", "default for adam"),
                new RunSetting("t-max", "4", "default (epochs)"), new RunSetting("eps", "1.0E-8", "default for adam")),
                adam.derivedDefaults());
        TrainingOptions.Resolved adagrad = resolve(Map.of("optimizer", "adagrad", "lr", 0.5, "eps", "1e-6"));
        assertEquals(0.5, adagrad.settings().learningRate());
        assertEquals(new OptimizerSpec.Adagrad(0, 0, 0, 1e-6), adagrad.settings().optimizer());
        assertEquals(List.of(), adagrad.derivedDefaults());
        assertEquals(Set.of("momentum", "dampening", "nesterov", "beta1", "beta2", "t-max", "eta-min",
                "warmup-start-factor", "warmup-epochs", "plateau-patience", "plateau-threshold", "plateau-cooldown",
                "min-lr"), adagrad.inapplicable());
    }

    @Test
    void optimizersSchedulesAndEarlyStopping() {
        TrainingSettings sgd = resolve(Map.of("momentum", 0.9, "nesterov", "true", "monitor", "macro-f1",
                "patience", 2, "min-delta", 0.01)).settings();
        assertEquals(new OptimizerSpec.SgdMomentum(0.9, 0, 0, true), sgd.optimizer());
        assertEquals(ValidationMetric.MACRO_F1, sgd.monitor());
        assertEquals(2, sgd.patience());
        assertEquals(0.01, sgd.minDelta());
        assertEquals(new OptimizerSpec.Sgd(), resolve(Map.of("nesterov", false, "momentum", 0)).settings().optimizer());
        assertEquals(new SchedulerSpec.LinearWarmup(1.0 / 3, 2),
                resolve(Map.of("scheduler", "warmup", "warmup-epochs", 2)).settings().scheduler());
        assertEquals(new SchedulerSpec.ReduceOnPlateau(3, 1e-4, 1, 0.001), resolve(Map.of("scheduler", "plateau",
                "plateau-patience", 3, "plateau-cooldown", 1, "min-lr", 0.001)).settings().scheduler());
        assertEquals(new SchedulerSpec.Step(), resolve(Map.of("scheduler", "step")).settings().scheduler());
    }

    @Test
    void optionsOfAnotherOptimizerOrSchedulerAreRefusedInTheAdaptersWords() {
        assertRefused("--beta1 does not apply to --optimizer sgd", Map.of("beta1", 0.5), TrainingOptions.Spelling.CLI);
        assertRefused("--eps does not apply to --optimizer sgd", Map.of("eps", 1e-8), TrainingOptions.Spelling.CLI);
        assertRefused("--t-max does not apply to --scheduler step", Map.of("scheduler", "step", "t-max", 3),
                TrainingOptions.Spelling.CLI);
        assertRefused("parameters.momentum does not apply to optimizer adam",
                Map.of("optimizer", "adam", "momentum", 0.9), FIELDS);
        assertRefused("parameters.min_lr does not apply to scheduler cosine",
                Map.of("scheduler", "cosine", "min-lr", 0.1), FIELDS);
    }

    @Test
    void aMonitorWithoutAValidationSplitIsRefused() {
        assertRefused("--monitor loss watches the validation split, and there is none: --valid-fraction is 0",
                Map.of("monitor", "loss", "valid-fraction", 0.0), TrainingOptions.Spelling.CLI);
        TrainingOptions.Resolved unvalidated = resolve(Map.of("valid-fraction", 0.0));
        assertFalse(TrainingOptions.valuesOf(unvalidated.recipe()).containsKey("monitor"),
                "a run without validation records no monitor, so that resuming it gives none");
        assertEquals(unvalidated.settings(), resolve(TrainingOptions.valuesOf(unvalidated.recipe())).settings());
    }

    @Test
    void dampeningWithoutMomentumIsRefused() {
        assertRefused("--dampening damps momentum: it needs --momentum above 0 (without, PyTorch's SGD ignores it)",
                Map.of("dampening", 0.5), TrainingOptions.Spelling.CLI);
        assertEquals(new OptimizerSpec.SgdMomentum(0.9, 0.5, 0, false),
                resolve(Map.of("momentum", 0.9, "dampening", 0.5)).settings().optimizer());
    }

    @Test
    void gammaAndStepSizeGoOnlyWithTheSchedulesThatTakeThem() {
        for (String schedule : List.of("cosine", "warmup")) {
            assertRefused("--gamma does not apply to --scheduler " + schedule, Map.of("scheduler", schedule,
                    "gamma", 0.5), TrainingOptions.Spelling.CLI);
        }
        for (String schedule : List.of("exponential", "plateau", "cosine", "warmup")) {
            assertRefused("--step-size does not apply to --scheduler " + schedule, Map.of("scheduler", schedule,
                    "step-size", 2), TrainingOptions.Spelling.CLI);
        }
        assertEquals(0.5, resolve(Map.of("scheduler", "exponential", "gamma", 0.5)).settings().gamma());
        assertEquals(3, resolve(Map.of("scheduler", "step", "step-size", 3)).settings().stepSize());
        Map<String, Object> cosine = TrainingOptions.valuesOf(resolve(Map.of("scheduler", "cosine")).recipe());
        assertFalse(cosine.containsKey("gamma") || cosine.containsKey("step-size"), cosine.toString());
        assertTrue(TrainingOptions.valuesOf(resolve(Map.of()).recipe()).keySet().containsAll(List.of("gamma",
                "step-size")), "the tutorial's schedule takes both");
    }

    @Test
    void badNamesAndValuesAreRefusedNamingTheOptionAndWhatWasExpected() {
        TrainingOptions.Spelling cli = TrainingOptions.Spelling.CLI;
        assertRefused("--optimizer: unknown optimizer 'rmsprop' (known: sgd, adagrad, adam)", Map.of("optimizer", "rmsprop"), cli);
        assertRefused("--scheduler: unknown scheduler 'cyclic' (known: on-drop, step, exponential, cosine, warmup, plateau)",
                Map.of("scheduler", "cyclic"), cli);
        assertRefused("--monitor: unknown validation metric 'recall' (known: accuracy, loss, macro-f1)",
                Map.of("monitor", "recall"), cli);
        assertRefused("--batch-size: expected an integer, was '1.5'", Map.of("batch-size", "1.5"), cli);
        assertRefused("parameters.batch_size: expected an integer, was '2.0'", Map.of("batch-size", 2.0), FIELDS);
        assertRefused("--lr: expected a number, was 'fast'", Map.of("lr", "fast"), cli);
        assertRefused("--nesterov: expected true or false, was 'yes'", Map.of("nesterov", "yes"), cli);
        assertRefused("--seed: expected a whole number, was '1.5'", Map.of("seed", 1.5), cli);
        assertRefused("--optimizer: expected a name, was '3'", Map.of("optimizer", 3), cli);
        assertEquals("unknown training option --data (known: --epochs, --lr, ",
                assertThrows(IllegalArgumentException.class, () -> resolve(Map.of("data", "x")))
                        .getMessage().substring(0, 55));
        assertRefused("--lr must be positive, was -1.0", Map.of("lr", -1), cli);
    }

    @Test
    void integersNearTheirLimitAreRefusedWithTheirRangeInsteadOfOverflowing() {
        TrainingOptions.Spelling cli = TrainingOptions.Spelling.CLI;
        assertRefused("--batch-size must be in [1, 1048576], was 2147483647", Map.of("batch-size", "2147483647"), cli);
        assertRefused("--epochs must be in [1, 1000000], was 2147483647", Map.of("epochs", "2147483647"), cli);
        assertRefused("--step-size must be in [1, 1000000], was 2147483647", Map.of("step-size", "2147483647"), cli);
        assertRefused("--patience must be in [0, 1000000], was 2147483647", Map.of("patience", "2147483647"), cli);
        assertRefused("--embed-dim must be in [1, 65536], was 2147483647", Map.of("embed-dim", "2147483647"), cli);
    }

    @Test
    void aValueOutOfRangeIsNamedAsTheAdapterSpellsTheOption() {
        TrainingOptions.Spelling fields = new TrainingOptions.Spelling("parameters.", '_', "");
        assertRefused("parameters.t_max must be at least 1, was 0", Map.of("scheduler", "cosine", "t-max", 0), fields);
        assertRefused("parameters.valid_fraction must be in [0, 1), was 1.0", Map.of("valid-fraction", 1), fields);
        assertRefused("parameters.weight_decay must be at least 0, was -1.0",
                Map.of("optimizer", "adam", "weight-decay", -1), fields);
        assertRefused("--min-lr must be at least 0, was -1.0", Map.of("scheduler", "plateau", "min-lr", -1),
                TrainingOptions.Spelling.CLI);
    }

    @Test
    void optionsAFileSetAreNamedAsTheSpellingsNamesSay() {
        TrainingOptions.Spelling fromFile = TrainingOptions.Spelling.CLI.withNames(Map.of("optimizer",
                "optimizer (experiment file e.yaml)", "epochs", "epochs (experiment file e.yaml)"));
        assertRefused("--beta1 does not apply to optimizer (experiment file e.yaml) sgd",
                Map.of("optimizer", "sgd", "beta1", 0.5), fromFile);
        assertRefused("epochs (experiment file e.yaml) must be in [1, 1000000], was 0", Map.of("epochs", 0), fromFile);
        assertRefused("--threads 2 needs plain sgd (Hogwild updates keep no optimizer state), not Adam(betas=(0.9, "
                + "0.999), eps=1.0E-8, weight_decay=0.0): train on one thread, or with plain sgd",
                Map.of("optimizer", "adam", "threads", 2), fromFile);
    }

    @Test
    void everyOptionReadsBackFromTheSettingsItResolvesTo() {
        Map<String, Object> adam = Map.of("optimizer", "adam", "beta1", 0.8, "eps", 1e-7, "weight-decay", 0.01,
                "scheduler", "plateau", "min-lr", 0.001, "monitor", "macro-f1", "seed", 9L, "epochs", 4);
        Map<String, Object> values = TrainingOptions.valuesOf(resolve(adam).recipe());
        adam.forEach((name, value) -> assertEquals(value, values.get(name), name));
        assertEquals(Set.of("momentum", "dampening", "nesterov", "lr-decay", "initial-accumulator", "t-max", "eta-min",
                "warmup-start-factor", "warmup-epochs", "buckets", "step-size"), difference(TrainingOptions.NAMES, values.keySet()));
        assertEquals(resolve(adam).settings(), resolve(values).settings(), "the values resolve to the same settings");
    }

    @Test
    void differencesAreTypedAndNamedAsFlags() {
        TrainingOptions.Recipe tutorial = resolve(Map.of()).recipe();
        assertEquals(List.of(), TrainingOptions.differences(tutorial, resolve(Map.of("lr", "5")).recipe(), Set.of(),
                TrainingOptions.Spelling.CLI), "5 and 5.0 are one learning rate");
        assertEquals(List.of("--lr 5.0 there, 0.1 now", "--momentum 0.0 there, 0.9 now"),
                TrainingOptions.differences(tutorial, resolve(Map.of("lr", 0.1, "momentum", 0.9, "epochs", 3))
                        .recipe(), Set.of("epochs"), TrainingOptions.Spelling.CLI));
        assertEquals(List.of("--lr 5.0 there, 0.001 now", "--optimizer sgd there, adam now",
                        "--momentum 0.0 there, unset now", "--dampening 0.0 there, unset now",
                        "--nesterov false there, unset now", "--beta1 unset there, 0.9 now",
                        "--beta2 unset there, 0.999 now", "--eps unset there, 1.0E-8 now"),
                TrainingOptions.differences(tutorial, resolve(Map.of("optimizer", "adam")).recipe(), Set.of(),
                        TrainingOptions.Spelling.CLI));
    }

    @Test
    void theRunRecordNamesEveryApplicableOptionAndItsSource() {
        TrainingOptions.Resolved adam = resolve(Map.of("optimizer", "adam", "epochs", 2));
        List<RunSetting> record = TrainingOptions.runSettings(adam,
                name -> Set.of("optimizer", "epochs").contains(name) ? java.util.Optional.of("flag")
                        : java.util.Optional.empty());
        assertEquals(new RunSetting("epochs", "2", "flag"), record.get(0));
        assertEquals(new RunSetting("lr", "0.001", "default for adam"), record.get(1));
        assertEquals(new RunSetting("batch-size", "64", "default"), record.get(2));
        assertEquals(TrainingOptions.valuesOf(adam.recipe()).keySet(),
                record.stream().map(RunSetting::name).collect(java.util.stream.Collectors.toSet()));
    }

    private static Set<String> difference(Set<String> all, Set<String> some) {
        Set<String> rest = new java.util.HashSet<>(all);
        rest.removeAll(some);
        return rest;
    }

    @Test
    void resolvesWordNgramsAndThreadsWithTheirRules() {
        TrainingOptions.Resolved plain = resolve(Map.of());
        assertEquals(WordNgrams.NONE, plain.ngrams());
        assertEquals(1, plain.threads());
        TrainingOptions.Resolved bigrams = resolve(Map.of("ngrams", 2, "threads", "2"));
        assertEquals(new WordNgrams(2, TrainingOptions.DEFAULT_BUCKETS), bigrams.ngrams());
        assertEquals(2, bigrams.threads());
        assertEquals(TrainingOptions.NGRAM_SGD_RATE, bigrams.settings().learningRate(), "sgd's default rate with n-grams");
        assertEquals(TrainingOptions.NGRAM_SGD_RATE, resolve(Map.of("ngrams", 3)).settings().learningRate());
        assertEquals(5.0, plain.settings().learningRate(), "the tutorial's rate without n-grams");
        TrainingOptions.Resolved momentum = resolve(Map.of("ngrams", 2, "momentum", 0.9));
        assertEquals(5.0, momentum.settings().learningRate(), "momentum keeps the tutorial's rate");
        assertEquals("default for sgd", momentum.derivedDefaults().get(0).source());
        assertEquals("default for sgd with word 2-grams", bigrams.derivedDefaults().get(0).source());
        assertEquals(0.5, resolve(Map.of("ngrams", 3, "buckets", 500, "lr", 0.5)).settings().learningRate());
        assertEquals(new WordNgrams(3, 500), resolve(Map.of("ngrams", 3, "buckets", 500)).ngrams());
        assertEquals(0.001, resolve(Map.of("ngrams", 2, "optimizer", "adam")).settings().learningRate());
        assertRefused("--buckets needs --ngrams 2 or more", Map.of("buckets", 10), TrainingOptions.Spelling.CLI);
        assertRefused("--ngrams must be in [1, 16] (1: words only), was 0", Map.of("ngrams", 0),
                TrainingOptions.Spelling.CLI);
        assertRefused("--ngrams must be in [1, 16] (1: words only), was 17", Map.of("ngrams", 17),
                TrainingOptions.Spelling.CLI);
        assertRefused("--buckets must be at least 1, was 0", Map.of("ngrams", 2, "buckets", 0),
                TrainingOptions.Spelling.CLI);
        assertRefused("--buckets 2147483647 with --embed-dim 64 makes an embedding of more than 2147483639 values, "
                + "the most a tensor holds: at most 33554430 buckets with that dim",
                Map.of("ngrams", 2, "buckets", Integer.MAX_VALUE), TrainingOptions.Spelling.CLI);
        assertEquals(33_554_430, resolve(Map.of("ngrams", 2, "buckets", 33_554_430)).ngrams().buckets());
        assertRefused("--threads must be in [1, 256], was 0", Map.of("threads", 0), TrainingOptions.Spelling.CLI);
        assertRefused("--threads must be in [1, 256], was 100000", Map.of("threads", 100_000),
                TrainingOptions.Spelling.CLI);
        assertEquals(256, resolve(Map.of("threads", 256)).threads());
        assertRefused("--threads 2 needs plain sgd (Hogwild updates keep no optimizer state), not "
                + "Adam(betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0): train on one thread, or with plain sgd",
                Map.of("threads", 2, "optimizer", "adam"),
                TrainingOptions.Spelling.CLI);
    }

    private static TrainingOptions.Resolved resolve(Map<String, ?> given) {
        return TrainingOptions.resolve(given, TrainingOptions.Spelling.CLI);
    }

    private static void assertRefused(String message, Map<String, ?> given, TrainingOptions.Spelling spelling) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.resolve(given, spelling)).getMessage());
    }
}
