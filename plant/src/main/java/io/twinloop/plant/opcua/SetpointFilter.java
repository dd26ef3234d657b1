package io.twinloop.plant.opcua;

import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.runtime.PlantRuntime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a write to a setpoint variable into a {@link Command} for the plant and answers the write with the plant's
 * verdict: Good when applied, otherwise a Bad status a connector can report back (Bad_OutOfRange,
 * Bad_InvalidState, Bad_InvalidArgument). The written value is not stored: the variable shows what the plant
 * applied, from the next snapshot on.
 */
final class SetpointFilter implements AttributeFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SetpointFilter.class);

    private final String machineId;
    private final MachineVariable variable;
    private final PlantRuntime runtime;
    private final Duration timeout;

    SetpointFilter(final String machineId, final MachineVariable variable, final PlantRuntime runtime,
            final Duration timeout) {
        this.machineId = machineId;
        this.variable = variable;
        this.runtime = runtime;
        this.timeout = timeout;
    }

    @Override
    public void writeAttribute(final AttributeFilterContext ctx, final AttributeId attributeId, final Object value)
            throws UaException {
        if (attributeId != AttributeId.Value) {
            ctx.setAttribute(attributeId, value);
            return;
        }
        final Object written = ((DataValue) value).value().value();
        final String user = ctx.getSession().map(Session::getIdentity).map(SetpointFilter::describe)
                .orElse("(internal)");
        final Optional<Command> command;
        try {
            command = variable.decode(machineId, written);
        } catch (final UaException e) {
            LOG.info("setpoint refused: machine={} variable={} value={} user={} status={} reason=\"{}\"", machineId,
                    variable.browseName(), printable(written), user, e.getStatusCode(), e.getMessage());
            throw e;
        }
        if (command.isEmpty()) {
            return;
        }
        final CommandResult result = apply(command.get());
        if (result.isAccepted()) {
            LOG.info("setpoint applied: machine={} variable={} value={} user={}", machineId, variable.browseName(),
                    printable(written), user);
            return;
        }
        final CommandResult.Rejection rejection = result.rejection().orElseThrow();
        LOG.info("setpoint rejected: machine={} variable={} value={} user={} reason={} message=\"{}\"", machineId,
                variable.browseName(), printable(written), user, rejection.reason(), rejection.message());
        throw new UaException(statusOf(rejection.reason()), rejection.message());
    }

    private CommandResult apply(final Command command) throws UaException {
        try {
            return runtime.submit(command).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (final TimeoutException e) {
            LOG.warn("setpoint write timed out: machine={} variable={} timeout={}", machineId,
                    variable.browseName(), timeout);
            throw new UaException(StatusCodes.Bad_Timeout, "the plant did not answer within " + timeout);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UaException(StatusCodes.Bad_Shutdown, e);
        } catch (final ExecutionException e) {
            LOG.error("setpoint write failed: machine={} variable={}: {}", machineId, variable.browseName(),
                    e.getCause().toString(), e.getCause());
            throw new UaException(StatusCodes.Bad_InternalError, e.getCause());
        }
    }

    static long statusOf(final CommandResult.Rejection.Reason reason) {
        return switch (reason) {
            case OUT_OF_RANGE -> StatusCodes.Bad_OutOfRange;
            case FORBIDDEN_IN_STATE -> StatusCodes.Bad_InvalidState;
            case INVALID_ARGUMENT -> StatusCodes.Bad_InvalidArgument;
            case UNKNOWN_MACHINE -> StatusCodes.Bad_NodeIdUnknown;
        };
    }

    private static String describe(final Identity identity) {
        return identity instanceof Identity.UsernameIdentity named ? named.getUsername() : "anonymous";
    }

    private static String printable(final Object value) {
        return value instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(value);
    }
}
