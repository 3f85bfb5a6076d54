import { describe, expect, it } from 'vitest';
import { BIG_ROOM_DEFAULTS, ConfigError, DEFAULT_LIMITS, loadConfig } from '../../../server/config.ts';
import { DEFAULT_LIVE_DOC_OPTIONS, liveDocOptionsOf } from '../../../server/rooms/live-doc-options.ts';

describe('loadConfig', () => {
  it('gives a big room the same spacing as a WriteQueue built without a config when the variables are unset', () => {
    const { limits } = loadConfig({});
    expect(limits.bigRoomPeers).toBe(BIG_ROOM_DEFAULTS.peers);
    expect(limits.bigRoomCommitIntervalMs).toBe(BIG_ROOM_DEFAULTS.commitIntervalMs);
    const set = loadConfig({ BIG_ROOM_PEERS: '8', BIG_ROOM_COMMIT_INTERVAL_MS: '20' }).limits;
    expect([set.bigRoomPeers, set.bigRoomCommitIntervalMs]).toEqual([8, 20]);
  });

  it('gives code built without a config the limits of a server started with no variables set', () => {
    expect(DEFAULT_LIMITS).toEqual(loadConfig({}).limits);
    expect(DEFAULT_LIVE_DOC_OPTIONS).toEqual(liveDocOptionsOf(loadConfig({}).limits));
    // The live document follows what is configured, not a copy of the defaults.
    const set = liveDocOptionsOf(
      loadConfig({ PRESENCE_TICK_MS: '250', MAX_DOC_BYTES: String(32 * 1024 * 1024) }).limits,
    );
    expect([set.presence.tickMs, set.budget.maxDocBytes]).toEqual([250, 32 * 1024 * 1024]);
  });

  it('reads numbers, flags and lists in their units', () => {
    const config = loadConfig({
      PORT: '0',
      TRUST_PROXY: '1',
      ALLOWED_ORIGINS: ' https://a.example/, https://b.example ',
      ROOM_QUOTA_MIB_PER_IP_PER_DAY: '0.5',
    });
    expect(config.port).toBe(0);
    expect(config.trustProxy).toBe(true);
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.limits.roomQuotaBytesPerIpPerDay).toBe(512 * 1024);
  });

  it('refuses a variable out of its range, and settings that contradict each other, naming the variable', () => {
    expect(() => loadConfig({ BIG_ROOM_PEERS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ BIG_ROOM_PEERS: '0' })).toThrow(/BIG_ROOM_PEERS/);
    expect(() => loadConfig({ MAX_DOC_BYTES: '4096', FACILITATOR_RESERVE_BYTES: '4096' })).toThrow(
      /FACILITATOR_RESERVE_BYTES/,
    );
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ CLUSTER_SECRET: 'x'.repeat(32) })).toThrow(/CLUSTER_SECRET/);
  });
});
