package io.textclf.grpc;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listening socket that accepts at most {@code maxConnections} connections at once: one more is
 * closed as soon as it is accepted, before any byte is read (a warning is logged at most once a minute).
 */
final class CappedServerChannel extends NioServerSocketChannel {

    private static final System.Logger LOG = System.getLogger(CappedServerChannel.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private long lastWarning = System.nanoTime() - WARNING_INTERVAL_NANOS;

    CappedServerChannel(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    protected int doReadMessages(List<Object> accepted) throws Exception {
        int first = accepted.size();
        super.doReadMessages(accepted);
        for (int i = accepted.size() - 1; i >= first; i--) {
            Channel connection = (Channel) accepted.get(i);
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                accepted.remove(i);
                connection.unsafe().closeForcibly();
                warnRefused();
            } else {
                connection.closeFuture().addListener(closed -> open.decrementAndGet());
            }
        }
        return accepted.size() - first;
    }

    private void warnRefused() {
        long count = refused.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning >= WARNING_INTERVAL_NANOS) {
            lastWarning = now;
            LOG.log(Level.WARNING, "closed a connection beyond --max-connections " + maxConnections + " ("
                    + count + " so far)");
        }
    }
}
