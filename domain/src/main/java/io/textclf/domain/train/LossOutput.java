package io.textclf.domain.train;

/**
 * A loss value and its gradient with respect to the logits.
 *
 * @param loss         the batch loss: the mean over the batch's rows, in nats
 * @param logitGradient {@code dLoss/dLogits}, same shape and layout as the logits
 */
public record LossOutput(double loss, float[] logitGradient) {
}
