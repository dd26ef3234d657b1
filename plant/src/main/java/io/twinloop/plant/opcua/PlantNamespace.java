package io.twinloop.plant.opcua;

import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.runtime.PlantRuntime;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;

/**
 * The plant's address space: {@code Objects/Plant} with the line's own variables, and one folder per machine
 * holding its {@link MachineVariable}s. Values are refreshed from every snapshot the runtime publishes; monitored
 * items of values are sampled when a value changes ({@link ChangeDrivenSampling}), other monitored items (other
 * attributes, index ranges) by Milo's polling {@link SubscriptionModel}.
 */
final class PlantNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:twinloop:plant";

    private final PlantRuntime runtime;
    private final Duration writeTimeout;
    private final SubscriptionModel polled;
    private final ChangeDrivenSampling sampling;
    /** Every variable of the namespace, for the sampling of its monitored items. */
    private final Map<NodeId, UaVariableNode> variables = new ConcurrentHashMap<>();
    private final Map<String, Map<MachineVariable, UaVariableNode>> machineNodes = new HashMap<>();
    private final Map<LineVariable, UaVariableNode> lineNodes = new EnumMap<>(LineVariable.class);
    /** Per machine, the waiting jobs its job arrays show now. */
    private final Map<String, List<Job>> shownJobs = new ConcurrentHashMap<>();
    private final Consumer<PlantSnapshot> listener = this::update;

    PlantNamespace(final OpcUaServer server, final PlantRuntime runtime, final Duration writeTimeout) {
        super(server, URI);
        this.runtime = runtime;
        this.writeTimeout = writeTimeout;
        this.polled = new SubscriptionModel(server, this);
        this.sampling = new ChangeDrivenSampling(server);
        getLifecycleManager().addLifecycle(polled);
        getLifecycleManager().addLifecycle(new Lifecycle() {
            @Override
            public void startup() {
            }

            @Override
            public void shutdown() {
                sampling.shutdown();
            }
        });
        getLifecycleManager().addStartupTask(this::createNodes);
        getLifecycleManager().addLifecycle(new Lifecycle() {
            @Override
            public void startup() {
                runtime.addListener(listener);
            }

            @Override
            public void shutdown() {
                runtime.removeListener(listener);
            }
        });
    }

    private void createNodes() {
        final PlantSnapshot snapshot = runtime.latest();
        final UaFolderNode plant = folder("Plant", "Plant");
        plant.addReference(new Reference(plant.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                false));
        for (final LineVariable variable : LineVariable.values()) {
            lineNodes.put(variable, variable(plant, "Plant/" + variable.browseName, variable.browseName,
                    variable.dataType, variable.description, false, false));
        }
        for (final MachineSnapshot machine : snapshot.machines()) {
            final UaFolderNode folder = folder(machine.id(), machine.id());
            plant.addOrganizes(folder);
            final Map<MachineVariable, UaVariableNode> nodes = new EnumMap<>(MachineVariable.class);
            for (final MachineVariable variable : MachineVariable.values()) {
                if (!variable.appliesTo(machine)) {
                    continue;
                }
                final UaVariableNode node = variable(folder, machine.id() + "/" + variable.browseName(),
                        variable.browseName(), variable.dataType(), variable.description(), variable.isWritable(),
                        variable.isArray());
                if (variable.isWritable()) {
                    node.getFilterChain().addLast(new SetpointFilter(machine.id(), variable, runtime,
                            writeTimeout));
                }
                nodes.put(variable, node);
            }
            machineNodes.put(machine.id(), nodes);
        }
        update(snapshot);
    }

    private UaFolderNode folder(final String id, final String name) {
        final UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(folder);
        return folder;
    }

    private UaVariableNode variable(final UaFolderNode parent, final String id, final String name,
            final NodeId dataType, final String description, final boolean writable, final boolean array) {
        final UaVariableNode.UaVariableNodeBuilder builder = new UaVariableNode.UaVariableNodeBuilder(
                getNodeContext())
                .setNodeId(newNodeId(id))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setDataType(dataType)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setAccessLevel(writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY)
                .setUserAccessLevel(writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY)
                // the plant reports each change as it happens: a client may ask for exception-based monitoring
                .setMinimumSamplingInterval(0.0);
        if (array) {
            builder.setValueRank(ValueRanks.OneDimension);
            builder.setArrayDimensions(new UInteger[] {Unsigned.uint(0)});
        }
        final UaVariableNode node = builder.build();
        getNodeManager().addNode(node);
        sampling.observe(node);
        variables.put(node.getNodeId(), node);
        parent.addOrganizes(node);
        return node;
    }

    /**
     * Runs on the plant's thread; setting node values only queues work in Milo, it does not block.
     *
     * <p>The job arrays ({@link MachineVariable#JOB_ARRAYS}) are set only when the machine's waiting jobs changed,
     * all three together with one source timestamp, the instant of that change. A client can therefore tell arrays of
     * one sample by their equal source timestamps, and a client subscribing with the trigger
     * {@code StatusValueTimestamp} is told about all three on every change, also about an array whose value stayed
     * the same (a reordering of jobs with equal part counts).
     */
    private void update(final PlantSnapshot snapshot) {
        if (machineNodes.isEmpty()) {
            return; // not created yet
        }
        final DateTime now = DateTime.now();
        for (final LineVariable variable : LineVariable.values()) {
            setIfChanged(lineNodes.get(variable), variable.read(snapshot, runtime), now);
        }
        for (final MachineSnapshot machine : snapshot.machines()) {
            final Map<MachineVariable, UaVariableNode> nodes = machineNodes.get(machine.id());
            final boolean jobsChanged = !machine.waitingJobs().equals(shownJobs.put(machine.id(),
                    machine.waitingJobs()));
            for (final Map.Entry<MachineVariable, UaVariableNode> entry : nodes.entrySet()) {
                if (MachineVariable.JOB_ARRAYS.contains(entry.getKey())) {
                    if (jobsChanged) { // one sample of the queue: every array stamped alike, even one that is equal
                        entry.getValue().setValue(new DataValue(entry.getKey().read(machine), StatusCode.GOOD, now));
                    }
                } else {
                    setIfChanged(entry.getValue(), entry.getKey().read(machine), now);
                }
            }
        }
    }

    /**
     * Like a device's server, a variable changes when its value does: its source timestamp says since when it has
     * held the value. Setting every variable on every tick made the plant's thread (and the sampling hooked to each
     * set) handle thousands of writes a second that changed nothing.
     */
    private static void setIfChanged(final UaVariableNode node, final Variant value, final DateTime now) {
        final DataValue current = node.getValue();
        if (current == null || !current.statusCode().isGood() || !value.equals(current.value())) {
            node.setValue(new DataValue(value, StatusCode.GOOD, now));
        }
    }

    @Override
    public void onDataItemsCreated(final List<DataItem> dataItems) {
        sampling.created(sampledByChange(dataItems, true), variables);
        nonEmpty(sampledByChange(dataItems, false), polled::onDataItemsCreated);
    }

    @Override
    public void onDataItemsModified(final List<DataItem> dataItems) {
        sampling.modified(sampledByChange(dataItems, true));
        nonEmpty(sampledByChange(dataItems, false), polled::onDataItemsModified);
    }

    @Override
    public void onDataItemsDeleted(final List<DataItem> dataItems) {
        sampling.deleted(sampledByChange(dataItems, true));
        nonEmpty(sampledByChange(dataItems, false), polled::onDataItemsDeleted);
    }

    @Override
    public void onMonitoringModeChanged(final List<MonitoredItem> monitoredItems) {
        sampling.monitoringModeChanged(monitoredItems);
        polled.onMonitoringModeChanged(monitoredItems);
    }

    private static List<DataItem> sampledByChange(final List<DataItem> items, final boolean byChange) {
        return items.stream().filter(item -> ChangeDrivenSampling.handles(item) == byChange).toList();
    }

    private static void nonEmpty(final List<DataItem> items, final Consumer<List<DataItem>> action) {
        if (!items.isEmpty()) {
            action.accept(items);
        }
    }

    /** Variables of the line as a whole. */
    private enum LineVariable {
        SIMULATION_TIME("SimulationTime", NodeIds.DateTime, "Simulated time of the plant"),
        SPEED_FACTOR("SpeedFactor", NodeIds.Double, "Simulated seconds per real second"),
        JOBS_SHIPPED("JobsShipped", NodeIds.Int64, "Jobs that have left the last machine");

        private final String browseName;
        private final NodeId dataType;
        private final String description;

        LineVariable(final String browseName, final NodeId dataType, final String description) {
            this.browseName = browseName;
            this.dataType = dataType;
            this.description = description;
        }

        Variant read(final PlantSnapshot snapshot, final PlantRuntime runtime) {
            return switch (this) {
                case SIMULATION_TIME -> Variant.ofDateTime(new DateTime(snapshot.time()));
                case SPEED_FACTOR -> Variant.ofDouble(runtime.speedFactor());
                case JOBS_SHIPPED -> Variant.ofInt64(snapshot.jobsShipped());
            };
        }
    }
}
