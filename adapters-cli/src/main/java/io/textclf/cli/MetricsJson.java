package io.textclf.cli;

import io.textclf.application.train.TrainingReport;
import io.textclf.domain.metrics.ClassMetrics;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.modelformat.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The metrics and runs the CLI prints with {@code --json}. */
final class MetricsJson {

    private MetricsJson() {
    }

    /**
     * Every metric as JSON key-value pairs: examples, accuracy, loss, top_k_accuracy (every k up to the classes),
     * macro and weighted means, per-class scores by label, labels and the confusion matrix.
     */
    static List<String> fields(ClassificationMetrics m) {
        List<String> topK = new ArrayList<>();
        for (int k = 1; k <= m.labels().size(); k++) {
            topK.add(Integer.toString(k));
            topK.add(Json.number(m.topKAccuracy(k)));
        }
        List<String> perClass = m.perClass().stream().map(MetricsJson::perClass).toList();
        return List.of(
                "examples", Long.toString(m.examples()),
                "accuracy", Json.number(m.accuracy()),
                "loss", Json.number(m.meanLoss()),
                "top_k_accuracy", Json.object(topK.toArray(String[]::new)),
                "macro_precision", Json.number(m.macroPrecision()),
                "macro_recall", Json.number(m.macroRecall()),
                "macro_f1", Json.number(m.macroF1()),
                "weighted_precision", Json.number(m.weightedPrecision()),
                "weighted_recall", Json.number(m.weightedRecall()),
                "weighted_f1", Json.number(m.weightedF1()),
                "per_class", Json.array(perClass),
                "labels", Json.array(m.labels().stream().map(Json::string).toList()),
                "confusion", Json.array(Arrays.stream(m.confusion())
                        .map(row -> Json.array(Arrays.stream(row).mapToObj(Long::toString).toList())).toList()));
    }

    /** An epoch number, or null for 0: no epoch was judged best (no validation split, or a model made elsewhere). */
    private static String epochOrNull(int epoch) {
        return epoch > 0 ? Integer.toString(epoch) : "null";
    }

    static String training(TrainingReport report, Optional<Path> page) {
        ModelArtifact a = report.artifact();
        List<String> fields = new ArrayList<>(List.of(
                "model_file", Json.string(report.modelFile().toString()),
                "best_model_file", report.bestModelFile().map(p -> Json.string(p.toString())).orElse("null"),
                "report", page.map(p -> Json.string(p.toString())).orElse("null"),
                "best_epoch", epochOrNull(a.metrics().bestEpoch()),
                "parameters_epoch", Integer.toString(a.metrics().parametersEpoch()),
                "stop_reason", a.metrics().stopReason().isEmpty() ? "null" : Json.string(a.metrics().stopReason()),
                "backend", Json.string(a.provenance().backend()),
                "vocabulary_size", Integer.toString(a.vocabulary().size()),
                "classes", Integer.toString(a.labels().size()),
                "datasets", datasets(a.provenance()),
                "skipped_rows", Integer.toString(report.skippedRows().size()),
                "training_seconds", Json.number(a.provenance().trainingSeconds()),
                "threads", Integer.toString(report.threads()),
                "words_per_epoch", Long.toString(report.wordsPerEpoch()),
                "epochs", Json.array(a.metrics().epochs().stream().map(MetricsJson::epoch).toList()),
                "test", a.metrics().test().map(m -> Json.object(fields(m).toArray(String[]::new))).orElse("null")));
        return Json.object(fields.toArray(String[]::new));
    }

    /**
     * What {@code info} shows of a model file or checkpoint, as one object; settings by option name with typed values;
     * {@code checkpoint} is null for a model file, else where the run stands and how to resume it.
     */
    static String model(Path file, ModelArtifact a, Optional<Checkpoint> checkpoint) {
        ModelDims dims = a.parameters().dims();
        List<String> settings = new ArrayList<>();
        TrainingOptions.valuesOf(TrainingOptions.recipeOf(a)).forEach((name, value) -> {
            settings.add(name);
            settings.add(value instanceof String text ? Json.string(text)
                    : value instanceof Double number ? Json.number(number) : String.valueOf(value));
        });
        ModelMetrics m = a.metrics();
        Provenance p = a.provenance();
        return Json.object(
                "model_file", Json.string(file.toString()),
                "checkpoint", checkpoint.map(c -> Json.object("epochs_done", Integer.toString(c.state().epochs().size()),
                        "batches_done", Integer.toString(c.state().batchesDone()), "dataset", Json.string(c.dataset()),
                        "resume", c.model().settings().scheduler().whyNotResumable().isPresent() ? "null"
                                : Json.string(InfoCommand.resumeCommand(file, c)),
                        "stop_reason", Json.string(Trainer.stopReason(c.model().settings(), c.state().epochs()))))
                        .orElse("null"),
                "tokenizer", Json.string(a.pipeline().tokenizer()),
                "tokenizer_settings", stringMap(a.pipeline().tokenizerSettings()),
                "features", stringMap(a.pipeline().features()),
                "vocabulary_size", Integer.toString(a.vocabulary().size()),
                "labels", Json.array(a.labels().stream().map(Json::string).toList()),
                "embedding_dim", Integer.toString(dims.embeddingDim()),
                "parameters", Json.object(a.parameters().tensors().entrySet().stream()
                        .flatMap(e -> Stream.of(e.getKey(),
                                Json.array(Arrays.stream(e.getValue().shape()).mapToObj(Integer::toString).toList())))
                        .toArray(String[]::new)),
                "settings", Json.object(settings.toArray(String[]::new)),
                "best_epoch", epochOrNull(m.bestEpoch()),
                "parameters_epoch", Integer.toString(m.parametersEpoch()),
                "stop_reason", m.stopReason().isEmpty() ? "null" : Json.string(m.stopReason()),
                "epochs", Json.array(m.epochs().stream().map(MetricsJson::epoch).toList()),
                "test", m.test().map(t -> Json.object(fields(t).toArray(String[]::new))).orElse("null"),
                "backend", Json.string(p.backend()),
                "created_at", Json.string(p.createdAt().toString()),
                "textclf_version", Json.string(p.textclfVersion()),
                "java_version", Json.string(p.javaVersion()),
                "os", Json.string(p.os()),
                "training_seconds", Json.number(p.trainingSeconds()),
                "resumed_from", p.resumedFrom().isEmpty() ? "null" : Json.string(p.resumedFrom()),
                "datasets", datasets(p),
                "run_settings", Json.array(p.runSettings().stream().map(r -> Json.object("name", Json.string(r.name()),
                        "value", Json.string(r.value()), "source", Json.string(r.source()))).toList()));
    }

    /** The files a model was trained and tested on: role, path, rows and MD5 of each. */
    private static String datasets(Provenance p) {
        return Json.array(p.datasets().stream().map(d -> Json.object("role", Json.string(d.role()),
                "path", Json.string(d.path()), "rows", Long.toString(d.rows()), "md5", Json.string(d.md5()))).toList());
    }

    private static String stringMap(Map<String, String> map) {
        return Json.object(map.entrySet().stream().flatMap(e -> Stream.of(e.getKey(),
                Json.string(e.getValue()))).toArray(String[]::new));
    }

    private static String perClass(ClassMetrics c) {
        return Json.object("label", Json.string(c.label()), "precision", Json.number(c.precision()),
                "recall", Json.number(c.recall()), "f1", Json.number(c.f1()), "support", Long.toString(c.support()));
    }

    private static String epoch(EpochSummary e) {
        return Json.object("epoch", Integer.toString(e.epoch()), "train_loss", Json.number(e.trainLoss()),
                "train_accuracy", Json.number(e.trainAccuracy()), "validation_loss", Json.number(e.validationLoss()),
                "validation_accuracy", Json.number(e.validationAccuracy()),
                "validation_macro_f1", Json.number(e.validationMacroF1()), "learning_rate", Json.number(e.learningRate()),
                "seconds", Json.number(e.seconds()));
    }
}
