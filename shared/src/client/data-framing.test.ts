import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { CHUNK_BYTES, DataFrameAssembler, fileFrames, sha256Hex, type DataPayload } from './data-framing.ts';

describe('data channel framing', () => {
  test('messages and a multi-chunk file come out as sent, interleaved transfers too', async () => {
    const got: DataPayload[] = [];
    const errors: string[] = [];
    const assembler = new DataFrameAssembler((payload) => got.push(payload), (reason) => errors.push(reason));
    const big = new Uint8Array(randomBytes(5 * CHUNK_BYTES + 123));
    const small = new Uint8Array(randomBytes(100));
    const first = await fileFrames(7, { name: 'scan.png', mime: 'image/png', bytes: big, meta: { dpi: 300 } });
    const second = await fileFrames(8, { name: 'x.pdf', mime: 'application/pdf', bytes: small });
    assert.equal(first.chunks.length, 6);
    await assembler.push(JSON.stringify({ t: 'msg', v: { hello: 1 } }));
    await assembler.push(first.header);
    await assembler.push(second.header);
    await assembler.push(first.chunks[0]!);
    await assembler.push(second.chunks[0]!);
    for (const chunk of first.chunks.slice(1)) await assembler.push(chunk.slice().buffer);
    assert.deepEqual(errors, []);
    assert.equal(got.length, 3);
    assert.deepEqual(got[0], { kind: 'message', value: { hello: 1 } });
    const [smallFile, bigFile] = [got[1]!, got[2]!];
    assert.ok(smallFile.kind === 'file' && bigFile.kind === 'file');
    assert.deepEqual(Buffer.from(bigFile.file.bytes), Buffer.from(big));
    assert.equal(bigFile.file.sha256, await sha256Hex(big));
    assert.deepEqual(bigFile.file.meta, { dpi: 300 });
    assert.deepEqual(Buffer.from(smallFile.file.bytes), Buffer.from(small));
  });

  test('corrupted, overlong, unknown and malformed frames are reported and dropped', async () => {
    const got: DataPayload[] = [];
    const errors: string[] = [];
    const assembler = new DataFrameAssembler((payload) => got.push(payload), (reason) => errors.push(reason));
    const frames = await fileFrames(1, { name: 'a', mime: 'text/plain', bytes: new Uint8Array([1, 2, 3]) });
    const tampered = frames.chunks[0]!.slice();
    tampered[5] = 99;
    await assembler.push(frames.header);
    await assembler.push(tampered);
    await assembler.push(frames.chunks[0]!);
    await assembler.push('{not json');
    await assembler.push(JSON.stringify({ t: 'file', id: 2, name: 'b', mime: 'x', size: 1, sha256: 'a'.repeat(64) }));
    await assembler.push(new Uint8Array([0, 0, 0, 2, 1, 2]));
    await assembler.push(new Uint8Array([0, 0]));
    assert.equal(got.length, 0);
    assert.equal(errors.length, 5, errors.join('; '));
    assert.match(errors[0]!, /corrupted/);
    assert.match(errors[1]!, /unknown transfer 1/);
    assert.match(errors[2]!, /malformed/);
    assert.match(errors[3]!, /longer than announced/);
  });
});
