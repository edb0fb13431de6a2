import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AUDIO_BITRATE, consumerPriority, DOCUMENT_MAX_BITRATE, FACE_LAYERS, planLayers, type PlannedStream } from './bandwidth-policy.ts';

const face = (id: string, ownerRole: PlannedStream['ownerRole']): PlannedStream => ({ id, kind: 'video', source: 'faceCamera', ownerRole, spatialLayers: 3, temporalLayers: 1 });
const documentCamera: PlannedStream = { id: 'document', kind: 'video', source: 'documentCamera', ownerRole: 'customer', spatialLayers: 1, temporalLayers: 3 };
const audio = (id: string, ownerRole: PlannedStream['ownerRole']): PlannedStream => ({ id, kind: 'audio', source: 'microphone', ownerRole, spatialLayers: 1, temporalLayers: 1 });

describe('bandwidth policy: layers by the receiver’s bandwidth', () => {
  test('audio outranks all video in every profile; sign language lifts the customer’s and interpreter’s faces', () => {
    for (const profile of ['standard', 'signLanguage'] as const) {
      for (const role of ['customer', 'expert', 'interpreter'] as const) {
        assert.ok(consumerPriority(profile, 'microphone', role) > consumerPriority(profile, 'faceCamera', role));
      }
      assert.ok(consumerPriority(profile, 'faceCamera', 'customer') > consumerPriority(profile, 'documentCamera', 'customer'));
    }
    assert.ok(consumerPriority('signLanguage', 'faceCamera', 'interpreter') > consumerPriority('signLanguage', 'faceCamera', 'expert'));
    assert.equal(consumerPriority('standard', 'faceCamera', 'interpreter'), consumerPriority('standard', 'faceCamera', 'expert'));
  });

  test('plenty of bandwidth: every stream at its best layer', () => {
    const plan = planLayers(20_000_000, 'standard', [face('customer', 'customer'), documentCamera, audio('mic', 'customer')]);
    assert.deepEqual(plan.get('customer'), { spatialLayer: 2, temporalLayer: 0 });
    assert.deepEqual(plan.get('document'), { spatialLayer: 0, temporalLayer: 2 });
    assert.equal(plan.has('mic'), false, 'audio is never layered');
  });

  test('the document camera keeps its resolution and gives up frame rate first', () => {
    // Face top layer fits, the document camera gets what is left: its base temporal layer.
    const plan = planLayers(FACE_LAYERS[2].maxBitrate + AUDIO_BITRATE + 1_600_000, 'standard', [face('customer', 'customer'), documentCamera, audio('mic', 'customer')]);
    assert.deepEqual(plan.get('customer'), { spatialLayer: 2, temporalLayer: 0 });
    assert.deepEqual(plan.get('document'), { spatialLayer: 0, temporalLayer: 0 });
  });

  test('the expert always sees the document: its base layer comes before a face goes above its lowest layer', () => {
    // Enough for the face's top layer, or for the document's base layer and the face's middle one.
    const available = AUDIO_BITRATE + DOCUMENT_MAX_BITRATE * 0.5 + FACE_LAYERS[1].maxBitrate + 100_000;
    const plan = planLayers(available, 'standard', [face('customer', 'customer'), documentCamera, audio('mic', 'customer')]);
    assert.deepEqual(plan.get('document'), { spatialLayer: 0, temporalLayer: 0 });
    assert.deepEqual(plan.get('customer'), { spatialLayer: 1, temporalLayer: 0 });
    // Below the document's base layer, the face still gets what there is.
    const narrow = planLayers(AUDIO_BITRATE + FACE_LAYERS[1].maxBitrate, 'standard', [face('customer', 'customer'), documentCamera, audio('mic', 'customer')]);
    assert.deepEqual(narrow.get('customer'), { spatialLayer: 1, temporalLayer: 0 });
  });

  test('sign language: the customer’s and interpreter’s faces keep the CIF layer when others drop below it', () => {
    const streams = [face('customer', 'customer'), face('interpreter', 'interpreter'), documentCamera, audio('a1', 'customer'), audio('a2', 'interpreter')];
    const standard = planLayers(900_000, 'standard', streams);
    assert.deepEqual(standard.get('customer'), { spatialLayer: 1, temporalLayer: 0 });
    assert.deepEqual(standard.get('interpreter'), { spatialLayer: 0, temporalLayer: 0 }, 'standard: the second face drops below CIF');
    const signLanguage = planLayers(900_000, 'signLanguage', streams);
    assert.deepEqual(signLanguage.get('customer'), { spatialLayer: 1, temporalLayer: 0 });
    assert.deepEqual(signLanguage.get('interpreter'), { spatialLayer: 1, temporalLayer: 0 });
    assert.deepEqual(signLanguage.get('document'), { spatialLayer: 0, temporalLayer: 0 });
    // Even below what both floors need, the floors hold and the expert's face takes the lowest layer.
    const starved = planLayers(300_000, 'signLanguage', [...streams, face('expert', 'expert')]);
    assert.equal(starved.get('customer')!.spatialLayer, 1);
    assert.equal(starved.get('interpreter')!.spatialLayer, 1);
    assert.equal(starved.get('expert')!.spatialLayer, 0);
  });

  test('measured layer bitrates replace the nominal ones: a quiet top layer fits where its nominal rate would not', () => {
    const quiet = { ...face('customer', 'customer'), measured: { '0.0': 90_000, '1.0': 280_000, '2.0': 650_000 } };
    const nominal = planLayers(800_000, 'standard', [face('customer', 'customer'), audio('mic', 'customer')]);
    const measured = planLayers(800_000, 'standard', [quiet, audio('mic', 'customer')]);
    assert.equal(nominal.get('customer')!.spatialLayer, 1);
    assert.equal(measured.get('customer')!.spatialLayer, 2);
  });
});
