package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingOption;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import io.textclf.proto.v1.TrainingParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingParametersMapperTest {

    @Test
    void everyFieldIsATrainingOptionOfTheSameTypeAndEveryOptionButTheLogIntervalIsAField() {
        Map<String, TrainingOption.Type> options = new LinkedHashMap<>();
        TrainingOptions.ALL.forEach(o -> options.put(o.name(), o.type()));
        Map<String, TrainingOption.Type> fields = new LinkedHashMap<>();
        for (Descriptors.FieldDescriptor field : TrainingParameters.getDescriptor().getFields()) {
            fields.put(field.getName().replace('_', '-'), switch (field.getJavaType()) {
                case INT -> TrainingOption.Type.INTEGER;
                case LONG -> TrainingOption.Type.LONG;
                case DOUBLE -> TrainingOption.Type.NUMBER;
                case BOOLEAN -> TrainingOption.Type.BOOLEAN;
                case STRING -> TrainingOption.Type.NAME;
                default -> throw new AssertionError(field.getName() + " has no option type");
            });
        }
        options.remove("log-interval");
        assertEquals(options, fields);
    }

    @Test
    void nothingSetIsTheTutorial() {
        assertEquals(TrainingSettings.tutorial(), settings(TrainingParameters.getDefaultInstance()));
    }

    @Test
    void everyTutorialFieldIsTaken() {
        TrainingSettings settings = settings(TrainingParameters.newBuilder()
                .setEpochs(3).setLr(2).setBatchSize(16).setEmbedDim(8).setGamma(0.5).setStepSize(2).setClipNorm(1)
                .setValidFraction(0).setSeed(0).setInitRange(0.1).setMinFreq(2).setMaxTokens(1000).build());
        assertEquals(new TrainingSettings(3, 2, 16, 8, 0.5, 2, 1, 0, 0, 0.1, 2, 1000,
                TrainingSettings.tutorial().logInterval()), settings);
    }

    @Test
    void theLearningRateDefaultFollowsTheOptimizerAsInTheCli() {
        assertEquals(0.001, settings(TrainingParameters.newBuilder().setOptimizer("adam")
                .build()).learningRate());
        assertEquals(0.01, settings(TrainingParameters.newBuilder().setOptimizer("adagrad")
                .build()).learningRate());
        assertEquals(0.5, settings(TrainingParameters.newBuilder().setOptimizer("adam")
                .setLr(0.5).build()).learningRate());
    }

    @Test
    void optimizersSchedulesAndEarlyStoppingMap() {
        TrainingSettings s = settings(TrainingParameters.newBuilder().setEpochs(7)
                .setMomentum(0.9).setNesterov(true).setScheduler("cosine").setMonitor("macro-f1").setPatience(2)
                .setMinDelta(0.01).build());
        assertEquals(new OptimizerSpec.SgdMomentum(0.9, 0, 0, true), s.optimizer());
        assertEquals(new SchedulerSpec.Cosine(7, 0), s.scheduler());
        assertEquals(ValidationMetric.MACRO_F1, s.monitor());
        assertEquals(2, s.patience());
        assertEquals(0.01, s.minDelta());
        TrainingSettings adam = settings(TrainingParameters.newBuilder().setOptimizer("adam")
                .setBeta1(0.8).setWeightDecay(0.1).setScheduler("plateau").setPlateauPatience(3).build());
        assertEquals(new OptimizerSpec.Adam(0.8, 0.999, 1e-8, 0.1), adam.optimizer());
        assertEquals(new SchedulerSpec.ReduceOnPlateau(3, SchedulerSpec.ReduceOnPlateau.defaults().threshold(), 0, 0),
                adam.scheduler());
    }

    @Test
    void fieldsOfAnotherOptimizerOrScheduleAreRefused() {
        assertRefused("parameters.momentum does not apply to optimizer adam",
                TrainingParameters.newBuilder().setOptimizer("adam").setMomentum(0.9));
        assertRefused("parameters.beta1 does not apply to optimizer sgd", TrainingParameters.newBuilder().setBeta1(0.5));
        assertRefused("parameters.t_max does not apply to scheduler on-drop", TrainingParameters.newBuilder().setTMax(3));
        assertRefused("parameters.optimizer: unknown optimizer 'rmsprop'",
                TrainingParameters.newBuilder().setOptimizer("rmsprop"));
        assertRefused("parameters.scheduler: unknown scheduler 'cyclic'",
                TrainingParameters.newBuilder().setScheduler("cyclic"));
        assertRefused("parameters.monitor: unknown validation metric 'recall'",
                TrainingParameters.newBuilder().setMonitor("recall"));
    }

    private static void assertRefused(String words, TrainingParameters.Builder parameters) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(parameters.build()));
        assertTrue(e.getMessage().contains(words), e::getMessage);
    }

    private static TrainingSettings settings(TrainingParameters parameters) {
        return TrainingParametersMapper.resolve(parameters).settings();
    }
}
