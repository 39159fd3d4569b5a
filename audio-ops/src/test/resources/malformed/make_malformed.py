"""Regenerates the malformed-audio corpus of this folder and cases.tsv (file, expected message fragment, case).

Run: python3 make_malformed.py   (Python 3 standard library only; FLAC cases derive from ../flac/mono16_22050.flac)

Every file must make AudioDecoders fail with an AudioDecodeException whose message names the file and contains the
fragment (MalformedCorpusTest). NaN/Inf float samples are NOT here: they decode, as librosa loads them.
"""
import os, random, struct

HERE = os.path.dirname(os.path.abspath(__file__))
cases = []

def out(name, data, fragment, what):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(bytes(data))
    cases.append((name, fragment, what))

def chunk(cid, body, size=None):
    b = cid + struct.pack('<I', len(body) if size is None else size) + body
    return b + (b'\0' if len(body) % 2 and cid != b'data' else b'')

def fmt(tag=1, ch=1, sr=22050, bits=16, align=None, extra=b''):
    align = ch * (bits // 8) if align is None else align
    return struct.pack('<HHIIHH', tag, ch, sr, sr * align & 0xFFFFFFFF, align, bits) + extra

def riff(*chunks, riff_size=None):
    body = b'WAVE' + b''.join(chunks)
    return b'RIFF' + struct.pack('<I', len(body) if riff_size is None else riff_size) + body

def ext(sub_tag, ch=1, sr=48000, bits=24, valid=24, guid_tail=None):
    tail = guid_tail or bytes([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71])
    return fmt(0xFFFE, ch, sr, bits, extra=struct.pack('<HHIH', 22, valid, 0, sub_tag) + tail)

pcm = struct.pack('<4h', 0, 1000, -1000, 32767)
good = riff(chunk(b'fmt ', fmt()), chunk(b'data', pcm))

out('empty.wav', b'', 'empty', 'zero-byte file')
out('three_bytes.wav', b'RIF', 'too short', 'shorter than any signature')
out('random_bytes.bin', random.Random(8).randbytes(4096), 'unrecognised content', 'seeded random bytes')
out('riff_avi.wav', b'RIFF' + struct.pack('<I', 4) + b'AVI ', 'not a RIFF/WAVE', 'RIFF container of another kind')
out('truncated_riff_header.wav', b'RIFF\x24\x00', 'truncated RIFF header', 'file ends inside the RIFF header')
out('truncated_in_fmt.wav', good[:30], "truncated 'fmt ' chunk", 'file ends inside the fmt chunk')
out('truncated_in_data.wav', good[:-3], 'declares 8 bytes but only 5 remain', 'file ends inside the data chunk')
out('no_fmt_chunk.wav', riff(chunk(b'data', pcm)), "before any 'fmt '", 'data chunk without fmt chunk')
out('no_data_chunk.wav', riff(chunk(b'fmt ', fmt())), "no 'data' chunk", 'fmt chunk but no data chunk')
out('huge_data_size_44_bytes.wav', riff(chunk(b'fmt ', fmt()), chunk(b'data', b'', 0xFFFFFFFE)),
    'declares 4294967294 bytes but only 0 remain', '44-byte file declaring a 4 GB data chunk')
out('chunk_size_beyond_file.wav', riff(chunk(b'fmt ', fmt()), chunk(b'LIST', b'abcd', 0x7FFFFFF0), chunk(b'data', pcm)),
    "chunk 'LIST' declares 2147483632 bytes", 'unknown chunk whose size runs past the end')
out('fmt_too_small.wav', riff(chunk(b'fmt ', fmt()[:14]), chunk(b'data', pcm)), "'fmt ' chunk size 14", 'fmt chunk of 14 bytes')
out('fmt_huge.wav', riff(chunk(b'fmt ', fmt(), 0x10000000), chunk(b'data', pcm)), "'fmt ' chunk size 268435456",
    'fmt chunk declaring 256 MiB')
out('zero_channels.wav', riff(chunk(b'fmt ', fmt(ch=0, align=0)), chunk(b'data', pcm)), '0 channels', 'channel count 0')
out('sample_rate_zero.wav', riff(chunk(b'fmt ', fmt(sr=0)), chunk(b'data', pcm)), 'sample rate 0 Hz', 'sample rate 0')
out('sample_rate_absurd.wav', riff(chunk(b'fmt ', fmt(sr=4_000_000_000)), chunk(b'data', pcm)), 'sample rate 4000000000 Hz',
    'sample rate 4 GHz')
out('format_tag_mp3.wav', riff(chunk(b'fmt ', fmt(tag=0x55)), chunk(b'data', pcm)), 'format tag 0x0055 (MPEG Layer III)',
    'MP3 in WAV')
out('format_tag_adpcm.wav', riff(chunk(b'fmt ', fmt(tag=2, bits=4, align=256)), chunk(b'data', pcm)),
    'format tag 0x0002 (Microsoft ADPCM)', 'ADPCM')
out('format_tag_unknown.wav', riff(chunk(b'fmt ', fmt(tag=0x1234)), chunk(b'data', pcm)), 'format tag 0x1234', 'unknown tag')
out('pcm_12bit.wav', riff(chunk(b'fmt ', fmt(bits=12, align=2)), chunk(b'data', pcm)), 'PCM bit depth 12', 'odd bit depth 12')
out('pcm_0bit.wav', riff(chunk(b'fmt ', fmt(bits=0, align=2)), chunk(b'data', pcm)), 'PCM bit depth 0', 'bit depth 0')
out('float_16bit.wav', riff(chunk(b'fmt ', fmt(tag=3, bits=16)), chunk(b'data', pcm)), 'IEEE float bit depth 16',
    'half-precision float')
out('block_align_mismatch.wav', riff(chunk(b'fmt ', fmt(ch=2, align=3)), chunk(b'data', pcm)), 'block align 3',
    'block align not channels x bytes')
out('data_not_whole_frames.wav', riff(chunk(b'fmt ', fmt(ch=2)), chunk(b'data', pcm[:6])), 'not a whole number',
    'stereo data of 6 bytes')
out('streaming_partial_frame.wav', riff(chunk(b'fmt ', fmt()), chunk(b'data', pcm + b'\x01', 0xFFFFFFFF)),
    'ends inside a 2-byte frame', 'streamed size, trailing half frame')
out('extensible_short_fmt.wav', riff(chunk(b'fmt ', fmt(tag=0xFFFE)), chunk(b'data', pcm)), 'needs 40',
    'EXTENSIBLE tag with a 16-byte fmt')
out('extensible_unknown_guid.wav', riff(chunk(b'fmt ', ext(1, guid_tail=bytes(14))), chunk(b'data', pcm[:6])),
    'subformat GUID', 'EXTENSIBLE with a non-PCM/float GUID')
out('extensible_subformat_alaw.wav', riff(chunk(b'fmt ', ext(6, bits=8, valid=8)), chunk(b'data', pcm)),
    'subformat 0x0006 (A-law)', 'EXTENSIBLE A-law')
out('extensible_valid_bits_too_large.wav', riff(chunk(b'fmt ', ext(1, valid=32)), chunk(b'data', pcm[:6])),
    '32 valid bits in a 24-bit container', 'valid bits > container')
rf64_body = lambda *cs: b'RF64' + struct.pack('<I', 0xFFFFFFFF) + b'WAVE' + b''.join(cs)
ds64 = lambda data_size: chunk(b'ds64', struct.pack('<QQQI', 0, data_size, 0, 0))
out('rf64_no_ds64.wav', rf64_body(chunk(b'fmt ', fmt()), chunk(b'data', pcm, 0xFFFFFFFF)), "no 'ds64' chunk",
    'RF64 whose data size needs a ds64 chunk that is missing')
out('rf64_ds64_beyond_file.wav', rf64_body(ds64(1 << 40), chunk(b'fmt ', fmt()), chunk(b'data', pcm, 0xFFFFFFFF)),
    'declares 1099511627776 bytes but only 8 remain', 'RF64 ds64 declaring 1 TiB of data in a tiny file')
out('rf64_ds64_too_small.wav', rf64_body(chunk(b'ds64', bytes(8)), chunk(b'fmt ', fmt()), chunk(b'data', pcm)),
    "'ds64' chunk is 8 bytes", 'RF64 ds64 chunk of 8 bytes')
out('id3_mp3.mp3', b'ID3\x04\x00\x00\x00\x00\x00\x00' + b'\xff\xfb\x90\x00' + bytes(100), 'ID3v2 tag followed by content that is not FLAC',
    'MP3 behind an ID3v2 tag')
out('id3_size_beyond_file.flac', b'ID3\x04\x00\x00\x7f\x7f\x7f\x7f' + bytes(20), 'ID3v2 tag declares 268435455 bytes',
    'ID3v2 tag whose size runs past the end')

flac = open(os.path.join(HERE, '..', 'flac', 'mono16_22050.flac'), 'rb').read()
assert flac[:4] == b'fLaC' and flac[4] & 0x7F == 0
si = bytearray(flac[8:42])

def flac_with(streaminfo, blocks=b'', frames=None, last=True):
    head = bytes([0x80 if last and not blocks else 0x00]) + (34).to_bytes(3, 'big') + bytes(streaminfo)
    return b'fLaC' + head + blocks + (first_frames if frames is None else frames)

def metadata_end():
    pos, last = 4, False
    while not last:
        last = flac[pos] & 0x80
        pos += 4 + int.from_bytes(flac[pos + 1:pos + 4], 'big')
    return pos

first_frames = flac[metadata_end():]

def packed_set(info, sample_rate=None, channels=None, bits=None, total=None):
    v = int.from_bytes(info[10:18], 'big')
    sr, ch, bps, tot = v >> 44, (v >> 41) & 7, (v >> 36) & 31, v & 0xFFFFFFFFF
    sr = sr if sample_rate is None else sample_rate
    ch = ch if channels is None else channels - 1
    bps = bps if bits is None else bits - 1
    tot = tot if total is None else total
    info = bytearray(info)
    info[10:18] = (sr << 44 | ch << 41 | bps << 36 | tot).to_bytes(8, 'big')
    return info

out('flac_marker_only.flac', b'fLaC', 'metadata ends', 'just the fLaC marker')
out('flac_truncated_streaminfo.flac', flac[:20], 'truncated FLAC STREAMINFO', 'ends inside STREAMINFO')
out('flac_no_streaminfo.flac', b'fLaC' + bytes([0x81, 0, 0, 4]) + bytes(4), 'STREAMINFO block missing',
    'first block is padding')
out('flac_streaminfo_bad_length.flac', b'fLaC' + bytes([0x80, 0, 0, 20]) + bytes(20), 'STREAMINFO block is 20 bytes',
    'STREAMINFO of 20 bytes')
out('flac_sample_rate_zero.flac', flac_with(packed_set(si, sample_rate=0)), 'sample rate 0 Hz', 'STREAMINFO rate 0')
out('flac_32bit.flac', flac_with(packed_set(si, bits=32)), 'FLAC bit depth 32', '32-bit FLAC (unsupported)')
out('flac_block_beyond_file.flac', flac_with(si, blocks=bytes([0x81, 0xFF, 0xFF, 0xFF]) + bytes(10), last=False),
    'declares 16777215 bytes', 'padding block longer than the file')
bad = bytearray(flac); bad[9000] ^= 0x55
out('flac_corrupt_frame.flac', bad, 'CRC-16 mismatch', 'one byte flipped inside a frame')
bad = bytearray(flac); bad[metadata_end() + 4] ^= 0x01
out('flac_corrupt_frame_header.flac', bad, 'CRC-8 mismatch', 'one bit flipped in the first frame header')
out('flac_truncated_frame.flac', flac[:9000], 'ends inside a frame', 'file cut inside a frame')
out('flac_garbage_frames.flac', flac_with(si, frames=random.Random(9).randbytes(500)), 'frame sync',
    'random bytes after the metadata')
out('flac_total_samples_mismatch.flac', flac_with(packed_set(si, total=4410 + 1000)),
    'STREAMINFO declares 5410', 'STREAMINFO declares more samples than the frames hold')
out('flac_channels_mismatch.flac', flac_with(packed_set(si, channels=2)), 'STREAMINFO says 2',
    'STREAMINFO says stereo, frames are mono')

with open(os.path.join(HERE, 'cases.tsv'), 'w') as f:
    f.write('# file\texpected message fragment\tcase (generated by make_malformed.py)\n')
    for c in cases:
        f.write('\t'.join(c) + '\n')
print(len(cases), 'cases')
