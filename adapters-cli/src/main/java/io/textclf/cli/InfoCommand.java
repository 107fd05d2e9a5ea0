package io.textclf.cli;

import io.textclf.application.train.CheckpointFolder;
import io.textclf.modelformat.Checkpoint;
import io.textclf.modelformat.CheckpointStore;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.TrainingState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code textclf info}: what a model file holds and how the model was made. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model file or a training checkpoint.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file, checkpoint, or checkpoint folder (its "
            + "newest checkpoint).")
    private Path model;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        model = CheckpointFolder.resolve(model);
        Optional<Checkpoint> checkpoint = CheckpointStore.isCheckpoint(model)
                ? Optional.of(new CheckpointStore().load(model)) : Optional.empty();
        ModelArtifact a = checkpoint.map(Checkpoint::model).orElseGet(() -> new ModelFileStore().load(model));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(MetricsJson.model(model, a, checkpoint));
            out.flush();
            return 0;
        }
        ModelDims dims = a.parameters().dims();
        TrainingSettings s = a.settings();
        if (checkpoint.isPresent()) {
            TrainingState state = checkpoint.get().state();
            out.printf("checkpoint      %s%n", model);
            out.printf("training        %d of %d epochs done%s, on %s%n", state.epochs().size(), s.epochs(),
                    state.batchesDone() == 0 ? "" : " and " + state.batchesDone() + " batches of epoch "
                            + (state.epochs().size() + 1), checkpoint.get().dataset());
            String stopped = Trainer.stopReason(s, state.epochs());
            Optional<String> notResumable = checkpoint.get().model().settings().scheduler().whyNotResumable();
            if (notResumable.isPresent()) {
                out.printf("resume          not with textclf: %s%n", notResumable.get());
            } else if (stopped.isEmpty()) {
                out.printf("resume          %s%n", resumeCommand(model, checkpoint.get()));
            } else {
                out.printf("stopped early   %s: resuming would only write its model file again (%s)%n", stopped,
                        resumeCommand(model, checkpoint.get()));
            }
        } else {
            out.printf("model file      %s%n", model);
        }
        out.printf("tokenizer       %s%n", a.pipeline().describe());
        out.printf("vocabulary      %d tokens (default index %d = %s)%n", a.vocabulary().size(),
                a.vocabulary().defaultIndex(), a.vocabulary().token(a.vocabulary().defaultIndex()));
        out.printf("labels          %s%n", String.join(", ", a.labels()));
        out.printf("parameters      embedding.weight [%d, %d], fc.weight [%d, %d], fc.bias [%d]%n",
                dims.vocabSize(), dims.embeddingDim(), dims.numClasses(), dims.embeddingDim(), dims.numClasses());
        // gamma and step only for the schedules that take them, as the model file records them
        out.printf(Locale.ROOT, "hyperparameters epochs %d, lr %s, batch %d, dim %d, %s%sclip %s, "
                        + "valid %s, seed %d, init %s, min-freq %d, max-tokens %d%n", s.epochs(), s.learningRate(),
                s.batchSize(), s.embeddingDim(), s.scheduler().takesGamma() ? "gamma " + s.gamma() + ", " : "",
                s.scheduler().takesStepSize() ? "step " + s.stepSize() + ", " : "", s.clipNorm(),
                s.validationFraction(), s.seed(), s.initRange(), s.minFreq(), s.maxTokens());
        out.printf("optimizer       %s, lr %s%n", s.optimizer().describe(), s.learningRate());
        out.printf("schedule        %s%n", s.scheduler().describe(s));
        out.printf("early stopping  %s%n", s.patience() == 0 ? "off" : "patience " + s.patience() + " on validation "
                + s.monitor().label() + ", min delta " + s.minDelta());
        ModelMetrics m = a.metrics();
        if (m.parametersEpoch() > 0) {
            out.printf("weights         after epoch %d of %d%s%n", m.parametersEpoch(), m.epochs().size(),
                    m.parametersEpoch() == m.bestEpoch() ? " (the best by validation " + s.monitor().label() + ")"
                            : m.bestEpoch() > 0 ? " (best: epoch " + m.bestEpoch() + ")" : "");
        }
        if (!m.stopReason().isEmpty()) {
            out.printf("stopped early   %s%n", m.stopReason());
        }
        if (m.testExamples() > 0) {
            out.printf(Locale.ROOT, "test accuracy   %.4f on %d rows (loss %.4f)%n", m.testAccuracy(), m.testExamples(),
                    m.testLoss());
        } else {
            out.println(checkpoint.isPresent() ? "test accuracy   not measured yet (a run is tested when it ends)"
                    : "test accuracy   not measured (no test file when it was made; 'textclf evaluate' measures it)");
        }
        for (EpochSummary e : m.epochs()) {
            String validation = Double.isNaN(e.validationAccuracy()) ? "no validation split"
                    : String.format(Locale.ROOT, "valid acc %.4f", e.validationAccuracy());
            out.printf(Locale.ROOT, "epoch %3d       train loss %.4f, train acc %.4f, %s, lr %.4g, %.2fs%s%n",
                    e.epoch(), e.trainLoss(), e.trainAccuracy(), validation, e.learningRate(), e.seconds(),
                    Double.isNaN(e.validationLoss()) ? "" : String.format(Locale.ROOT, ", valid loss %.4f, valid macro-F1 %.4f",
                            e.validationLoss(), e.validationMacroF1()));
        }
        m.test().ifPresent(test -> {
            out.println("test metrics");
            MetricsTable.render(test).lines().forEach(line -> out.println("  " + line));
        });
        out.printf("backend         %s%n", a.provenance().backend());
        out.printf("created         %s by textclf %s on Java %s (%s), training %.1fs%n", a.provenance().createdAt(),
                a.provenance().textclfVersion(), a.provenance().javaVersion(), a.provenance().os(),
                a.provenance().trainingSeconds());
        for (DatasetFingerprint d : a.provenance().datasets()) {
            out.printf("data %-10s %s (%d rows, %s)%n", d.role(), d.path(), d.rows(),
                    d.md5().isEmpty() ? "no md5 recorded" : "md5 " + d.md5());
        }
        if (!a.provenance().resumedFrom().isEmpty()) {
            out.printf("resumed from    %s%n", a.provenance().resumedFrom());
        }
        for (RunSetting r : a.provenance().runSettings()) {
            out.printf("setting         %s = %s (%s)%n", r.name(), r.value(), r.source());
        }
        out.flush();
        return 0;
    }

    /**
     * The command that continues the run a checkpoint was written by: with {@code --epochs} (twice the run's) when
     * the run has none left. When later checkpoints lie beside it, the run went on from it already: the command
     * branches off into a new folder, with its own checkpoints, model file, report and best model, so that nothing
     * of the run that went on is refused or overwritten (a folder not there yet: a second branch gets {@code -2}).
     */
    static String resumeCommand(Path file, Checkpoint checkpoint) {
        StringBuilder command = new StringBuilder("textclf train --resume ").append(file);
        int epochs = checkpoint.model().settings().epochs();
        if (checkpoint.state().completedEpochs() >= epochs) {
            command.append(" --epochs ").append(checkpoint.state().completedEpochs() * 2);
        }
        if (CheckpointFolder.laterBeside(file).isPresent()) {
            Path folder = file.toAbsolutePath().normalize().getParent();
            String stem = file.getFileName().toString().replaceFirst("\\.ckpt$", "");
            Path branch = folder.resolveSibling(folder.getFileName() + "-from-" + stem);
            for (int n = 2; Files.exists(branch); n++) {
                branch = folder.resolveSibling(folder.getFileName() + "-from-" + stem + "-" + n);
            }
            command.append(" --checkpoint-dir ").append(branch);
            Set<String> recorded = checkpoint.model().provenance().runSettings().stream().map(RunSetting::name)
                    .collect(Collectors.toSet());
            for (TrainCommand.OwnOutput own : TrainCommand.OWN_OUTPUTS) {
                if (own.option().equals("output") || recorded.contains(own.option())) {
                    command.append(' ').append(own.flag()).append(' ').append(branch.resolve(own.fileName()));
                }
            }
        }
        return command.toString();
    }
}
