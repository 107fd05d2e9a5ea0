package io.textclf.spark.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Evaluator;
import io.textclf.spark.model.PortableTensors;
import io.textclf.spark.prepare.EncodedDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Scores a model on an executor's documents with the domain's {@link Evaluator}; sums merge across partitions. */
public final class ShardEvaluator {

    private ShardEvaluator() {
    }

    static EvaluationCounts evaluate(PortableTensors parameters, EncodedCorpus corpus) {
        try (Model model = new ReferenceBackend().inference(parameters.toStateDict())) {
            return EvaluationCounts.of(new Evaluator(new CrossEntropyLoss()).evaluate(model, corpus));
        }
    }

    /** The evaluation of {@code parameters} on {@code documents} (e.g. a test file), broadcasting them once. */
    public static Evaluation evaluate(JavaSparkContext context, JavaRDD<EncodedDocument> documents,
                                      StateDict parameters) {
        Broadcast<PortableTensors> shared = context.broadcast(PortableTensors.of(parameters));
        EvaluationCounts counts = documents.mapPartitions((Iterator<EncodedDocument> partition) -> {
            List<int[]> ids = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            partition.forEachRemaining(doc -> {
                ids.add(doc.ids());
                labels.add(doc.label());
            });
            EncodedCorpus corpus = new EncodedCorpus(ids.toArray(int[][]::new),
                    labels.stream().mapToInt(Integer::intValue).toArray());
            return List.of(evaluate(shared.value(), corpus)).iterator();
        }).reduce(EvaluationCounts::plus);
        shared.destroy();
        return counts.toEvaluation();
    }
}
