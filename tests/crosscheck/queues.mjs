// Cross-check of our C# Queue client against the official JS SDK (@azure/storage-queue, pinned in package.json).
// Usage:
//   node queues.mjs receive <connectionString> <queue>                 -> {"messages":[{"messageText":"…","decoded":"…"|null}]}
//   node queues.mjs send    <connectionString> <queue> base64|raw <textBase64>
//                                                                      -> {"messageId":"…"}
// The text to send arrives base64-encoded (UTF-8) so any character survives the command line.
// The JS SDK neither encodes nor decodes message text itself: base64 is done here, on purpose, like the Functions host expects.
import { QueueServiceClient } from "@azure/storage-queue";

const [command, connectionString, queueName, ...rest] = process.argv.slice(2);
const queue = QueueServiceClient.fromConnectionString(connectionString).getQueueClient(queueName);

function tryDecode(text) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(text, "base64"));
  } catch {
    return null;
  }
}

switch (command) {
  case "receive": {
    const response = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 });
    const messages = [];
    for (const message of response.receivedMessageItems) {
      messages.push({ messageText: message.messageText, decoded: tryDecode(message.messageText) });
      await queue.deleteMessage(message.messageId, message.popReceipt);
    }
    console.log(JSON.stringify({ messages }));
    break;
  }
  case "send": {
    const [mode, textBase64] = rest;
    const text = Buffer.from(textBase64, "base64").toString("utf8");
    const body = mode === "base64" ? Buffer.from(text, "utf8").toString("base64") : text;
    const result = await queue.sendMessage(body);
    console.log(JSON.stringify({ messageId: result.messageId }));
    break;
  }
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}
