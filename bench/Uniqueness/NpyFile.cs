using System.Runtime.InteropServices;
using System.Text;

/// <summary>Writes the one .npy layout the benchmark hands to Python: C-order little-endian float32 N x D.</summary>
internal static class NpyFile
{
    public static void WriteFloat32(string path, float[] data, int rows, int columns)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n"; // numpy aligns the data to 64 bytes
        using var file = File.Create(path);
        file.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(MemoryMarshal.AsBytes(data.AsSpan()));
    }
}
