using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace NavusoftSync.Linking.DataProtection;

/// <summary>
/// Encrypts each Data Protection key before it is stored: AES-256-GCM under the configured
/// <see cref="KeyEncryptionKey"/>, a fresh 96-bit nonce per key, with associated data naming the
/// format. The stored element names the key encryption key by fingerprint so a wrong key fails
/// with a clear message rather than a bare authentication error.
/// </summary>
internal sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal const string ElementName = "aesGcmEncryptedKey";
    internal static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("NavusoftSync.DataProtection.KeyRing.AES-256-GCM.v1");
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(
            ElementName,
            new XComment(" Encrypted with AES-256-GCM under DataProtection:KeyEncryptionKey (see docs/adr/0007). "),
            new XAttribute("keyEncryptionKeyId", key.Id),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    internal static XElement Decrypt(XElement encryptedElement, KeyEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = (string?)encryptedElement.Attribute("keyEncryptionKeyId");
        if (!string.Equals(keyId, key.Id, StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"This Data Protection key was encrypted under the key encryption key {keyId}, but {KeyEncryptionKey.ConfigurationKey} is {key.Id}. Configure the key the key ring was written with.");
        }

        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? throw new CryptographicException("The encrypted key has no value."));
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext, AssociatedData);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>
/// The decryptor Data Protection instantiates by the type name stored in each encrypted key (with
/// the host's services, so the key encryption key comes from DI). Its assembly-qualified name is
/// persisted in the key ring: moving or renaming it needs a forwarding type.
/// </summary>
internal sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyEncryptionKey _key;

    public AesGcmXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _key = (KeyEncryptionKey?)services.GetService(typeof(KeyEncryptionKey))
            ?? throw new InvalidOperationException($"No {KeyEncryptionKey.ConfigurationKey} is registered to decrypt the Data Protection key ring.");
    }

    public XElement Decrypt(XElement encryptedElement) => AesGcmXmlEncryptor.Decrypt(encryptedElement, _key);
}
