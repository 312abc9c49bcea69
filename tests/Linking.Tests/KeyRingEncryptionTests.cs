using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Linking.DataProtection;

namespace NavusoftSync.Linking.Tests;

public sealed class KeyRingEncryptionTests
{
    private static readonly KeyEncryptionKey Key = KeyEncryptionKey.Parse(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\" p4:requiresEncryption=\"true\"><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    private static AesGcmXmlDecryptor DecryptorWith(KeyEncryptionKey key) =>
        new(new ServiceCollection().AddSingleton(key).BuildServiceProvider());

    [Fact]
    public void A_key_round_trips_and_is_not_readable_when_stored()
    {
        var encrypted = new AesGcmXmlEncryptor(Key).Encrypt(MasterKey);

        Assert.Equal(typeof(AesGcmXmlDecryptor), encrypted.DecryptorType);
        var stored = encrypted.EncryptedElement.ToString();
        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", stored, StringComparison.Ordinal);
        Assert.Equal(MasterKey.ToString(), DecryptorWith(Key).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void Each_encryption_uses_a_fresh_nonce() =>
        Assert.NotEqual(
            new AesGcmXmlEncryptor(Key).Encrypt(MasterKey).EncryptedElement.Element("value")!.Value,
            new AesGcmXmlEncryptor(Key).Encrypt(MasterKey).EncryptedElement.Element("value")!.Value);

    [Fact]
    public void Another_key_encryption_key_fails_with_a_message_naming_the_setting()
    {
        var encrypted = new AesGcmXmlEncryptor(Key).Encrypt(MasterKey).EncryptedElement;
        var other = KeyEncryptionKey.Parse(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var error = Assert.Throws<CryptographicException>(() => DecryptorWith(other).Decrypt(encrypted));
        Assert.Contains("DataProtection:KeyEncryptionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_key_does_not_decrypt()
    {
        var encrypted = new AesGcmXmlEncryptor(Key).Encrypt(MasterKey).EncryptedElement;
        var bytes = Convert.FromBase64String(encrypted.Element("value")!.Value);
        bytes[^1] ^= 1;
        encrypted.Element("value")!.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => DecryptorWith(Key).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("c2hvcnQ=")]
    public void A_key_encryption_key_must_be_32_bytes_of_base64(string value)
    {
        Assert.False(KeyEncryptionKey.IsValid(value));
        Assert.Throws<FormatException>(() => KeyEncryptionKey.Parse(value));
    }

    [Fact]
    public void The_fingerprint_identifies_a_key_without_revealing_it()
    {
        Assert.Matches("^[0-9a-f]{16}$", Key.Id);
        Assert.NotEqual(Key.Id, KeyEncryptionKey.Development().Id);
        Assert.Equal(KeyEncryptionKey.Development().Id, KeyEncryptionKey.Development().Id);
    }
}
