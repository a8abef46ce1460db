"""Build examples/week06.ipynb (convolution, pooling, CNNs) and run it on minigrad.

    python examples/make_week06.py               # build, run on minigrad, save
    python examples/make_week06.py --no-execute  # build only, without outputs

Cells in the percent format of _notebooks.py. SETUP holds the only cells
that are not course code: the alias line and the offline stand-in for MNIST;
COURSE follows the course's week 6 labs (9.1, 9.2, 9.3, 9.4.2, 9.4.3), each
plot saved as a PNG beside the notebook.
"""
# ruff: noqa: E501  (markdown cells are kept as written)

from pathlib import Path

from _notebooks import build as _build
from _notebooks import main, torchvision_setup

NOTEBOOK = Path(__file__).resolve().parent / "week06.ipynb"

SETUP = torchvision_setup(
    data="""\
The machines that build this notebook cannot download MNIST, so the second cell writes an
offline stand-in in torchvision's folder layout (`./data/MNIST/raw/*-ubyte`): scikit-learn's
8x8 digits placed into 28x28 images like MNIST's (1437 training and 360 test images).
`torchvision.datasets.MNIST(root='./data', ...)` then loads it as it would load MNIST.
""",
    precision="""\
Losses and accuracies are printed with three digits, and the networks are trained in
float64 (one added line, explained before the training): the two libraries sum in
different orders (oneDNN and MKL against NumPy), and those last-bit differences must not
show in the text.
""",
    standin="make_standin('./data', kind='MNIST', seed=0)",
)

COURSE = r"""
# %% [markdown]
## week 6
# %% [markdown]
references
* https://www.coursera.org/learn/deep-neural-networks-with-pytorch/
* https://github.com/damounayman/Deep-Neural-Networks-with-PyTorch/tree/main/Week6
# %% [markdown]
### 9.1 What is Convolution
# %% [markdown]
A convolution slides a small kernel $K$ over the image $X$ and, at each position, sums the
products of the overlapping values:
$$
z[i, j] = \sum_{m}\sum_{n}{x[i + m, j + n]\,k[m, n]} + b
$$
# %%
import matplotlib.pyplot as plt

import torch
import torch.nn
# %%
conv = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=3)
conv
# %% [markdown]
The parameters are random; set the kernel and the bias through `state_dict()`, whose
tensors share memory with the parameters. This kernel (Sobel) responds to vertical edges.
# %%
conv.state_dict()['weight'][0][0] = torch.tensor([[1.0, 0, -1.0], [2.0, 0, -2.0], [1.0, 0.0, -1.0]])
conv.state_dict()['bias'][0] = 0.0
conv.state_dict()
# %% [markdown]
A 5 x 5 image, `(batch, channel, height, width)`, with a vertical line in the middle column:
# %%
image = torch.zeros(1, 1, 5, 5)
image[0, 0, :, 2] = 1
image
# %%
z = conv(image)
z
# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3))
panels = [('image', image[0, 0]), ('kernel', conv.state_dict()['weight'][0, 0]), ('z = conv(image)', z[0, 0].detach())]
for ax, (title, values) in zip(axes, panels):
  ax.imshow(values.numpy(), interpolation='nearest', cmap='seismic', vmin=-4, vmax=4)
  ax.set_title(title)
plt.savefig('week06_convolution.png')  # added: keeps the plot as a PNG
# %% [markdown]
#### Determining the Size of the Output
An $M \times M$ image and a $K \times K$ kernel give an output of size $M - K + 1$.
# %%
K = 2
conv1 = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=K)
conv1.state_dict()['weight'][0][0] = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
conv1.state_dict()['bias'][0] = 0.0

M = 4
image1 = torch.ones(1, 1, M, M)
# %%
z1 = conv1(image1)
print("z1:", z1)
print("shape:", z1.shape[2:4])
# %% [markdown]
#### Stride parameter
With stride $s$ the kernel moves $s$ pixels at a time: the output size is
$\lfloor (M - K) / s \rfloor + 1$.
# %%
conv3 = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=2, stride=2)
conv3.state_dict()['weight'][0][0] = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
conv3.state_dict()['bias'][0] = 0.0

z3 = conv3(image1)
print("z3:", z3)
print("shape:", z3.shape[2:4])
# %% [markdown]
#### Zero Padding
Padding adds $p$ rows and columns of zeros on each side: $\lfloor (M - K + 2p) / s \rfloor + 1$.
# %%
conv4 = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=2, stride=3)
conv4.state_dict()['weight'][0][0] = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
conv4.state_dict()['bias'][0] = 0.0
z4 = conv4(image1)
print("z4:", z4)
print("z4:", z4.shape[2:4])

conv5 = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=2, stride=3, padding=1)
conv5.state_dict()['weight'][0][0] = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
conv5.state_dict()['bias'][0] = 0.0
z5 = conv5(image1)
print("z5:", z5)
print("z5:", z5.shape[2:4])
# %% [markdown]
### 9.2 Activation Functions and Max Pooling
# %%
torch.manual_seed(0)

conv = torch.nn.Conv2d(in_channels=1, out_channels=1, kernel_size=3)
Gx = torch.tensor([[1.0, 0, -1.0], [2.0, 0, -2.0], [1.0, 0, -1.0]])
conv.state_dict()['weight'][0][0] = Gx
conv.state_dict()['bias'][0] = 0.0
conv.state_dict()
# %%
image = torch.zeros(1, 1, 5, 5)
image[0, 0, :, 2] = 1
image[0, 0, 2, :] = -1
image
# %%
Z = conv(image)
Z
# %% [markdown]
The activation function is applied to every element of the activation map.
# %%
A = torch.relu(Z)
A
# %%
relu = torch.nn.ReLU()
relu(Z)
# %% [markdown]
#### Max Pooling
Max pooling keeps the largest value of each window: it shrinks the activation map and
makes it less sensitive to small shifts.
# %%
image1 = torch.zeros(1, 1, 4, 4)
image1[0, 0, 0, :] = torch.tensor([1.0, 2.0, 3.0, -4.0])
image1[0, 0, 1, :] = torch.tensor([0.0, 2.0, -3.0, 0.0])
image1[0, 0, 2, :] = torch.tensor([0.0, 2.0, 3.0, 1.0])
image1
# %% [markdown]
A 2 x 2 window moved one pixel at a time:
# %%
max1 = torch.nn.MaxPool2d(2, stride=1)
max1(image1)
# %% [markdown]
The stride defaults to the window size: the windows do not overlap.
# %%
max2 = torch.nn.MaxPool2d(2)
max2(image1)
# %%
fig, axes = plt.subplots(1, 4, figsize=(13, 3))
panels = [('image', image[0, 0]), ('Z = conv(image)', Z[0, 0].detach()), ('A = relu(Z)', A[0, 0].detach()), ('MaxPool2d(2, stride=1)(A)', max1(A)[0, 0].detach())]
for ax, (title, values) in zip(axes, panels):
  ax.imshow(values.numpy(), interpolation='nearest', cmap='seismic', vmin=-4, vmax=4)
  ax.set_title(title)
plt.savefig('week06_activation_pooling.png')  # added: keeps the plot as a PNG
# %% [markdown]
### 9.3 Multiple Input and Output Channels
# %% [markdown]
#### Multiple Output Channels
One kernel per output channel: vertical edges, horizontal edges, and a box sum.
# %%
conv1 = torch.nn.Conv2d(in_channels=1, out_channels=3, kernel_size=3)
Gx = torch.tensor([[1.0, 0, -1.0], [2.0, 0, -2.0], [1.0, 0.0, -1.0]])
Gy = torch.tensor([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]])

conv1.state_dict()['weight'][0][0] = Gx
conv1.state_dict()['weight'][1][0] = Gy
conv1.state_dict()['weight'][2][0] = torch.ones(3, 3)
conv1.state_dict()['bias'][:] = torch.tensor([0.0, 0.0, 0.0])
conv1.state_dict()['bias']
# %%
for x in conv1.state_dict()['weight']:
  print(x)
# %%
image = torch.zeros(1, 1, 5, 5)
image[0, 0, :, 2] = 1
out = conv1(image)
out.shape
# %%
fig, axes = plt.subplots(1, 4, figsize=(13, 3))
axes[0].imshow(image[0, 0, :, :].numpy(), interpolation='nearest', cmap=plt.cm.gray)
axes[0].set_title('image')
for channel, image_out in enumerate(out[0]):
  axes[channel + 1].imshow(image_out.detach().numpy(), interpolation='nearest', cmap=plt.cm.gray)
  axes[channel + 1].set_title("channel {}".format(channel))
plt.savefig('week06_multiple_channels.png')  # added: keeps the plot as a PNG
# %% [markdown]
#### Multiple Input Channels
Each output channel sums the convolutions of all input channels, one kernel per input channel.
# %%
image2 = torch.zeros(1, 2, 5, 5)
image2[0, 0, 2, :] = -2
image2[0, 1, 2, :] = 1
image2
# %%
conv3 = torch.nn.Conv2d(in_channels=2, out_channels=1, kernel_size=3)
Gx1 = torch.tensor([[0.0, 0.0, 0.0], [0, 1.0, 0], [0.0, 0.0, 0.0]])
conv3.state_dict()['weight'][0][0] = 1 * Gx1
conv3.state_dict()['weight'][0][1] = -2 * Gx1
conv3.state_dict()['bias'][:] = torch.tensor([0.0])
conv3.state_dict()['weight']
# %%
conv3(image2)
# %% [markdown]
#### Multiple Input and Multiple Output Channels
# %%
conv4 = torch.nn.Conv2d(in_channels=2, out_channels=3, kernel_size=3)
conv4.state_dict()['weight'][0][0] = torch.tensor([[0.0, 0.0, 0.0], [0, 0.5, 0], [0.0, 0.0, 0.0]])
conv4.state_dict()['weight'][0][1] = torch.tensor([[0.0, 0.0, 0.0], [0, 0.5, 0], [0.0, 0.0, 0.0]])
conv4.state_dict()['weight'][1][0] = torch.tensor([[0.0, 0.0, 0.0], [0, 1, 0], [0.0, 0.0, 0.0]])
conv4.state_dict()['weight'][1][1] = torch.tensor([[0.0, 0.0, 0.0], [0, -1, 0], [0.0, 0.0, 0.0]])
conv4.state_dict()['weight'][2][0] = torch.tensor([[1.0, 0, -1.0], [2.0, 0, -2.0], [1.0, 0.0, -1.0]])
conv4.state_dict()['weight'][2][1] = torch.tensor([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]])
conv4.state_dict()['bias'][:] = torch.tensor([0.0, 0.0, 0.0])

image4 = torch.zeros(1, 2, 5, 5)
image4[0][0] = torch.ones(5, 5)
image4[0][1][2][2] = 1
for channel, image in enumerate(image4[0]):
  print(channel)
  print(image)
# %%
z = conv4(image4)
z
# %% [markdown]
### 9.4.2 Convolutional Neural Network with Small Images
# %% [markdown]
MNIST resized to 16 x 16 (here the offline stand-in of the second cell).
# %% [markdown]
**Added: training in float64.** The course trains in float32. This notebook trains in
float64 so that it prints the same numbers on minigrad and on PyTorch: in float32 the two
libraries sum in different orders (oneDNN and MKL against NumPy), and a last-bit
difference decides which of two nearly equal values a max pooling window passes on, and
with it which weights the gradient reaches. After a few dozen steps such a switch shows in
the third digit of the loss. In float64 the runs agree far below the printed digits.
# %%
torch.set_default_dtype(torch.float64)
# %%
import torchvision.transforms as transforms
import torchvision.datasets as dsets
# %%
IMAGE_SIZE = 16

composed = transforms.Compose([transforms.Resize((IMAGE_SIZE, IMAGE_SIZE)), transforms.ToTensor()])
# %%
train_dataset = dsets.MNIST(root='./data', train=True, download=False, transform=composed)
validation_dataset = dsets.MNIST(root='./data', train=False, download=False, transform=composed)
train_dataset
# %%
print(len(train_dataset), len(validation_dataset))
print(train_dataset[0][0].type(), train_dataset[0][0].shape)
print("label:", train_dataset[0][1])
# %%
def show_data(data_sample, ax):
  ax.imshow(data_sample[0].numpy().reshape(IMAGE_SIZE, IMAGE_SIZE), cmap='gray')
  ax.set_title('y = ' + str(data_sample[1]))

fig, axes = plt.subplots(1, 4, figsize=(10, 3))
for n, ax in enumerate(axes):
  show_data(train_dataset[n], ax)
plt.savefig('week06_mnist_samples.png')  # added: keeps the plot as a PNG
# %% [markdown]
Two convolution + max pooling stages, then a linear layer on the flattened activations.
A 16 x 16 image keeps its size through a 5 x 5 kernel with `padding=2`, and each max
pooling halves it: 16 → 8 → 4, so the linear layer sees `out_2 * 4 * 4` numbers.
# %%
class CNN(torch.nn.Module):

  # Contructor
  def __init__(self, out_1=16, out_2=32):
    super(CNN, self).__init__()
    self.cnn1 = torch.nn.Conv2d(in_channels=1, out_channels=out_1, kernel_size=5, padding=2)
    self.maxpool1 = torch.nn.MaxPool2d(kernel_size=2)

    self.cnn2 = torch.nn.Conv2d(in_channels=out_1, out_channels=out_2, kernel_size=5, stride=1, padding=2)
    self.maxpool2 = torch.nn.MaxPool2d(kernel_size=2)
    self.fc1 = torch.nn.Linear(out_2 * 4 * 4, 10)

  # Prediction
  def forward(self, x):
    x = self.cnn1(x)
    x = torch.relu(x)
    x = self.maxpool1(x)
    x = self.cnn2(x)
    x = torch.relu(x)
    x = self.maxpool2(x)
    x = x.view(x.size(0), -1)
    x = self.fc1(x)
    return x

  # Outputs of each stage
  def activations(self, x):
    z1 = self.cnn1(x)
    a1 = torch.relu(z1)
    out = self.maxpool1(a1)

    z2 = self.cnn2(out)
    a2 = torch.relu(z2)
    out1 = self.maxpool2(a2)
    out = out1.view(out1.size(0), -1)
    return z1, a1, z2, a2, out1, out
# %%
torch.manual_seed(0)

model = CNN(out_1=16, out_2=32)
model
# %%
def plot_parameters(W, number_rows=1, name=""):
  W = W.data[:, 0, :, :]
  n_filters = W.shape[0]
  w_min = W.min().item()
  w_max = W.max().item()
  fig, axes = plt.subplots(number_rows, n_filters // number_rows, figsize=(8, 4))
  fig.subplots_adjust(hspace=0.4)

  for i, ax in enumerate(axes.flat):
    ax.set_xlabel("kernel:{0}".format(i + 1))
    ax.imshow(W[i, :].numpy(), vmin=w_min, vmax=w_max, cmap='seismic')
    ax.set_xticks([])
    ax.set_yticks([])
  plt.suptitle(name, fontsize=10)

plot_parameters(model.state_dict()['cnn1.weight'], number_rows=4, name="1st layer kernels before training")
plt.savefig('week06_kernels_before.png')  # added: keeps the plot as a PNG
# %%
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

train_loader = torch.utils.data.DataLoader(dataset=train_dataset, batch_size=100)
validation_loader = torch.utils.data.DataLoader(dataset=validation_dataset, batch_size=5000)
# %% [markdown]
`train_model` trains for `n_epochs` and measures the accuracy on the validation data after
each epoch; `model.train()` and `model.eval()` switch the batch-norm layers of the next
model between batch statistics and running statistics.
# %%
import torch.utils.data


def train_model(model, train_loader, validation_loader, optimizer, n_epochs=4):

  N_test = len(validation_dataset)
  accuracy_list = []
  loss_list = []
  for epoch in range(n_epochs):
    for x, y in train_loader:
      model.train()
      optimizer.zero_grad()
      z = model(x)
      loss = criterion(z, y)
      loss.backward()
      optimizer.step()
      loss_list.append(loss.data)

    correct = 0
    for x_test, y_test in validation_loader:
      model.eval()
      z = model(x_test)
      _, yhat = torch.max(z.data, 1)
      correct += (yhat == y_test).view(-1).sum().item()
    accuracy = correct / N_test
    accuracy_list.append(accuracy)
    print(f"epoch {epoch}: loss {loss.item():.3f}, validation accuracy {accuracy:.3f}")

  return accuracy_list, loss_list
# %%
accuracy_list_normal, loss_list_normal = train_model(model=model, n_epochs=5, train_loader=train_loader, validation_loader=validation_loader, optimizer=optimizer)
# %%
plot_parameters(model.state_dict()['cnn1.weight'], number_rows=4, name="1st layer kernels after training")
plt.savefig('week06_kernels_after.png')  # added: keeps the plot as a PNG
# %% [markdown]
The activation maps of one validation image after each stage:
# %%
z1, a1, z2, a2, out1, out = model.activations(validation_dataset[0][0].view(1, 1, IMAGE_SIZE, IMAGE_SIZE))

fig, axes = plt.subplots(3, 4, figsize=(9, 7))
for row, (name, A) in enumerate([('conv 1', z1), ('relu 1', a1), ('max pool 2', out1)]):
  for k, ax in enumerate(axes[row]):
    ax.imshow(A[0, k].detach().numpy(), cmap='seismic')
    ax.set_title(f'{name}, channel {k}', fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
plt.savefig('week06_activations.png')  # added: keeps the plot as a PNG
# %%
_, yhat = torch.max(model(validation_dataset[0][0].view(1, 1, IMAGE_SIZE, IMAGE_SIZE)).data, 1)
print("label:", validation_dataset[0][1], "prediction:", yhat.item())
# %% [markdown]
### 9.4.3 Convolutional Neural Network with Batch-Normalization
# %% [markdown]
The same network with `BatchNorm2d` after each convolution and `BatchNorm1d` on the output:
each channel is normalised by the mean and variance over the batch and the pixels.
"""
CNN_BATCH = r"""
# %%
class CNN_batch(torch.nn.Module):

  # Contructor
  def __init__(self, out_1=16, out_2=32, number_of_classes=10):
    super(CNN_batch, self).__init__()
    self.cnn1 = torch.nn.Conv2d(in_channels=1, out_channels=out_1, kernel_size=5, padding=2)
    self.conv1_bn = torch.nn.BatchNorm2d(out_1)

    self.maxpool1 = torch.nn.MaxPool2d(kernel_size=2)

    self.cnn2 = torch.nn.Conv2d(in_channels=out_1, out_channels=out_2, kernel_size=5, stride=1, padding=2)
    self.conv2_bn = torch.nn.BatchNorm2d(out_2)

    self.maxpool2 = torch.nn.MaxPool2d(kernel_size=2)

    self.fc1 = torch.nn.Linear(out_2 * 4 * 4, number_of_classes)
    self.bn_fc1 = torch.nn.BatchNorm1d(10)

  # Prediction
  def forward(self, x):
    x = self.cnn1(x)
    x = self.conv1_bn(x)
    x = torch.relu(x)
    x = self.maxpool1(x)
    x = self.cnn2(x)
    x = self.conv2_bn(x)
    x = torch.relu(x)
    x = self.maxpool2(x)
    x = x.view(x.size(0), -1)
    x = self.fc1(x)
    x = self.bn_fc1(x)
    return x
"""
COURSE += (
    CNN_BATCH
    + r"""
# %%
torch.manual_seed(0)

model_batch = CNN_batch(out_1=16, out_2=32)
model_batch
# %%
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model_batch.parameters(), lr=0.1)
accuracy_list_batch, loss_list_batch = train_model(model=model_batch, n_epochs=5, train_loader=train_loader, validation_loader=validation_loader, optimizer=optimizer)
# %% [markdown]
Compare the two networks: the loss at each iteration, and the validation accuracy after each epoch.
# %%
plt.figure()
plt.plot(loss_list_normal, 'b', label='loss normal cnn ')
plt.plot(loss_list_batch, 'r', label='loss batch cnn')
plt.xlabel('iteration')
plt.title("training loss iterations")
plt.legend()
plt.savefig('week06_loss.png')  # added: keeps the plot as a PNG
# %%
plt.figure()
plt.plot(accuracy_list_normal, 'b', label='normal CNN')
plt.plot(accuracy_list_batch, 'r', label='CNN with Batch Norm')
plt.xlabel('Epoch')
plt.title("Accuracy ")
plt.legend()
plt.savefig('week06_accuracy.png')  # added: keeps the plot as a PNG
"""
)


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(SETUP, COURSE)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
