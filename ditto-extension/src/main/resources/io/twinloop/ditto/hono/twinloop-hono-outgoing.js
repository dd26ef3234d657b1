/*
 * TwinLoop: desired values of the twins -> Hono commands, as TwinLoop's own Hono connector sends them (module
 * connectors: DesiredValues finds them in any twin event, Reconciler.checkDeclared checks them against the AAS,
 * HonoCommandTarget sends them): command name (subject) = the AID property's name, payload {"<name>": <value>},
 * application/json. Runs in Eclipse Ditto's JavaScript mapping engine (Rhino, ES6, sandboxed; see
 * https://eclipse.dev/ditto/connectivity-mapping.html#mapping-outgoing-messages).
 * TWINLOOP_HONO (the device table) is put in front of this script by HonoConnectionDefinition from the assets' AAS.
 * A value the AAS forbids is dropped here (an outgoing mapping cannot write a report into the twin).
 */
var TWINLOOP_EVENT_ACTIONS = ['created', 'modified', 'merged'];

/* The levels of a Ditto path: "/features/Op/desiredProperties" -> ["features", "Op", "desiredProperties"]. */
function twinloopLevels(path) {
    return String(path || '/').split('/').filter(function (level) {
        return level.length > 0;
    });
}

/*
 * The value at the desired location inside an event's value found at the event's path; undefined if the event
 * does not reach it or sets it to null (as DesiredValues.valueBelow).
 */
function twinloopValueBelow(pathLevels, value, target) {
    if (pathLevels.length > target.length) {
        return undefined;
    }
    for (var i = 0; i < pathLevels.length; i++) {
        if (pathLevels[i] !== target[i]) {
            return undefined;
        }
    }
    var node = value;
    for (var j = pathLevels.length; j < target.length; j++) {
        if (node === null || typeof node !== 'object' || Array.isArray(node)
            || !Object.prototype.hasOwnProperty.call(node, target[j])) {
            return undefined;
        }
        node = node[target[j]];
    }
    return node === null ? undefined : node;
}

/* The WoT type a value has, as the Java path guesses it when the AID declares none. */
function twinloopGuess(value) {
    if (typeof value === 'boolean') {
        return 'boolean';
    }
    return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'object';
}

function twinloopFits(value, wotType) {
    switch (wotType) {
        case 'number':
            return typeof value === 'number';
        case 'integer':
            return typeof value === 'number' && value === Math.floor(value);
        case 'boolean':
            return typeof value === 'boolean';
        case 'string':
            return typeof value === 'string';
        default:
            return false;
    }
}

/* Whether the AAS allows the value (type, array items, min_max, enum), as Reconciler.checkDeclared. */
function twinloopAllowed(value, point) {
    if (point.type === 'array') {
        if (!Array.isArray(value)) {
            return false;
        }
        var itemType = point.itemType || (value.length === 0 ? 'string' : twinloopGuess(value[0]));
        for (var i = 0; i < value.length; i++) {
            if (!twinloopFits(value[i], itemType)) {
                return false;
            }
        }
        return true; // min_max and enum describe single values
    }
    if (!twinloopFits(value, point.type || twinloopGuess(value))) {
        return false;
    }
    if (point.bounds && typeof value === 'number' && (value < point.bounds[0] || value > point.bounds[1])) {
        return false;
    }
    return !(point.enum && point.enum.length > 0 && !(typeof value === 'string' && point.enum.indexOf(value) >= 0));
}

function mapFromDittoProtocolMsg(namespace, name, group, channel, criterion, action, path, dittoHeaders, value,
                                 status, extra) {
    if (group !== 'things' || channel !== 'twin' || criterion !== 'events'
        || TWINLOOP_EVENT_ACTIONS.indexOf(action) < 0 || value === undefined || value === null) {
        return null; // deletions carry no value; everything else is no desired value
    }
    var thingId = namespace + ':' + name;
    if (!Object.prototype.hasOwnProperty.call(TWINLOOP_HONO.things, thingId)) {
        return null;
    }
    var deviceId = TWINLOOP_HONO.things[thingId];
    var commands = TWINLOOP_HONO.devices[deviceId].commands;
    var levels = twinloopLevels(path);
    var messages = [];
    for (var c = 0; c < commands.length; c++) {
        var target = ['features', commands[c].feature, 'desiredProperties'].concat(commands[c].path);
        var desired = twinloopValueBelow(levels, value, target);
        if (desired === undefined || !twinloopAllowed(desired, commands[c])) {
            continue;
        }
        var payload = {};
        payload[commands[c].name] = desired;
        messages.push(Ditto.buildExternalMsg(
            {'device_id': deviceId, 'subject': commands[c].name, 'content-type': 'application/json'},
            JSON.stringify(payload), null, 'application/json'));
    }
    return messages.length === 0 ? null : messages;
}
